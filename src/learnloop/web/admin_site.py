"""The Django admin is for superusers only.

School admins run their school from the office pages (/school/: people, terms, classes,
family links) and the data-rights pages; the Django admin's generic forms are kept for a
superuser's odd jobs (a new school, a repair), where scoping by school does not apply.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class SuperuserAdminSite(admin.AdminSite):
    site_header = "LearnLoop administration (superusers)"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and getattr(user, "is_superuser", False))


class SuperuserAdminConfig(AdminConfig):
    """django.contrib.admin with the superusers-only site, named in INSTALLED_APPS."""

    default_site = "learnloop.web.admin_site.SuperuserAdminSite"
