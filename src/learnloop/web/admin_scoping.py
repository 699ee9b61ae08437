"""Django admin scoping: superusers only use the admin (`web.admin_site`); should a
non-superuser ever reach a model admin, they see, choose and edit only their own
school's rows.

Two doors are closed here for every model admin that uses these classes: the rows
listed (`get_queryset`) and the choices of every foreign key and many-to-many field
(`formfield_for_foreignkey` / `formfield_for_manytomany`). A choice outside the
queryset fails the form's own validation, so a crafted POST (or a raw id typed into a
raw-id field) cannot link across schools either. Fields that name people may also be
limited to a role (`person_roles`), for superusers too: a class's teachers are teachers.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from learnloop.accounts.models import User
from learnloop.schools.models import School
from learnloop.schools.selectors import people_for_school


def is_superuser(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_superuser", False))


def is_school_admin(request: HttpRequest) -> bool:
    """May use the Django admin: superusers only. School admins have the office pages
    (/school/); the site itself refuses everyone else (`web.admin_site`), and the
    school scoping below stays as a second wall should a model admin be reused."""
    return is_superuser(request)


def school_choices(
    model: type[Model], request: HttpRequest, queryset: QuerySet[Any], role: str | None
) -> QuerySet[Any]:
    """The rows of `model` a form of this admin may offer: the admin's school's."""
    if model is User and role is not None:
        queryset = queryset.filter(role=role)
    if is_superuser(request):
        return queryset
    school_id = getattr(request.user, "school_id", None)
    if model is School:
        return queryset.filter(pk=school_id)
    if model is User:
        return queryset & people_for_school(school_id, role)
    if any(field.name == "school" for field in model._meta.get_fields()):
        return queryset.filter(school_id=school_id)
    return queryset  # shared rows, e.g. standards frameworks


class SchoolScopedFormfields:
    """Scopes the foreign-key and many-to-many choices of a ModelAdmin or an inline."""

    person_roles: dict[str, str] = {}  # field name -> the role its people must have

    def _scoped(self, db_field: Any, request: HttpRequest, kwargs: dict[str, Any]) -> None:
        model = db_field.related_model
        queryset = kwargs.get("queryset", model._default_manager.all())
        role = self.person_roles.get(db_field.name)
        kwargs["queryset"] = school_choices(model, request, queryset, role)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        self._scoped(db_field, request, kwargs)
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None and db_field.related_model is School and not is_superuser(request):
            field.required, field.empty_label = True, None  # no row falls out of every school
        return field

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        self._scoped(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_school_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_school_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_school_admin(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_school_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_school_admin(request)


class SchoolScopedAdmin(SchoolScopedFormfields, admin.ModelAdmin):
    """Limits the admin to rows of the signed-in school admin's school.

    `school_path` is the ORM path from the model to its School ("" for School itself).
    """

    school_path: str = "school"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if is_superuser(request):
            return queryset
        school_id = getattr(request.user, "school_id", None)
        if school_id is None:
            return queryset.none()
        field = f"{self.school_path}__pk" if self.school_path else "pk"
        return queryset.filter(**{field: school_id})


class SchoolScopedInline(SchoolScopedFormfields, admin.TabularInline):
    """An inline whose choices are scoped like its parent admin's."""
