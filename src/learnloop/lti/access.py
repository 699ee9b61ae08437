"""Who may use the LTI pages: the office's platforms, a teacher's deep-linking picker."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from learnloop.accounts.access import require_role
from learnloop.accounts.models import Role, User
from learnloop.lti.models import Platform
from learnloop.schools.access import require_school_office

DEEP_LINK_SESSION_KEY = "lti_deep_link"


def access_platform_for_office(viewer: User | AnonymousUser, platform_id: int) -> Platform:
    _, school = require_school_office(viewer)
    platform = Platform.objects.filter(pk=platform_id).first()
    if platform is None:
        raise Http404("No such platform.")
    if platform.school_id != school.pk:
        raise PermissionDenied("This platform belongs to another school.")
    return platform


def access_deep_link(request: HttpRequest) -> tuple[Platform, dict[str, Any]]:
    """The platform and the deep-linking request this teacher's session came with."""
    teacher = require_role(request.user, Role.TEACHER)
    pending = request.session.get(DEEP_LINK_SESSION_KEY)
    if not isinstance(pending, dict):
        raise PermissionDenied("Open this page from your LMS's 'add an activity' menu.")
    if pending.get("user_id") != teacher.pk:
        raise PermissionDenied("This request to add activities was made by someone else.")
    platform = Platform.objects.filter(pk=pending.get("platform_id")).first()
    if platform is None or platform.school_id != teacher.school_id:
        raise PermissionDenied("This LMS is no longer registered.")
    return platform, pending
