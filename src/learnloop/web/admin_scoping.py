"""Django admin for school admins: each one sees and edits only their own school's rows."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest


class SchoolScopedAdmin(admin.ModelAdmin):
    """Limits the admin to rows of the signed-in school admin's school.

    `school_path` is the ORM path from the model to its School ("" for School itself).
    Superusers see everything.
    """

    school_path: str = "school"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        user = request.user
        if getattr(user, "is_superuser", False):
            return queryset
        school_id = getattr(user, "school_id", None)
        if school_id is None:
            return queryset.none()
        field = f"{self.school_path}__pk" if self.school_path else "pk"
        return queryset.filter(**{field: school_id})

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        user = request.user
        if db_field.related_model.__name__ == "School" and not getattr(user, "is_superuser", False):
            kwargs["queryset"] = db_field.related_model.objects.filter(
                pk=getattr(user, "school_id", None)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _is_school_admin(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(getattr(user, "is_superuser", False)) or (
            getattr(user, "role", None) == "admin" and user.is_staff and user.is_active
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._is_school_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_school_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_school_admin(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._is_school_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_school_admin(request)
