from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest

from learnloop.accounts.models import GuardianLink, Role, User
from learnloop.web.admin_scoping import SchoolScopedAdmin

# Roles, not permission groups, decide what people may do in LearnLoop.
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(SchoolScopedAdmin, DjangoUserAdmin):
    school_path = "school"
    list_display = ("username", "first_name", "last_name", "role", "school", "is_active")
    list_filter = ("role", ("school", admin.RelatedOnlyFieldListFilter), "is_active")
    search_fields = ("username", "first_name", "last_name", "email")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("LearnLoop", {"fields": ("role", "school", "display_name")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        """A school admin never reaches a superuser's account (nor its password)."""
        people = super().get_queryset(request)
        return people if request.user.is_superuser else people.exclude(is_superuser=True)

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        """Only a superuser may grant superuser status or raw permissions."""
        readonly = tuple(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return readonly
        return (*readonly, "is_superuser", "user_permissions", "groups", "last_login")

    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        ("LearnLoop", {"fields": ("role", "school", "first_name", "last_name")}),
    )


@admin.register(GuardianLink)
class GuardianLinkAdmin(SchoolScopedAdmin, admin.ModelAdmin):
    school_path = "student__school"
    person_roles = {"guardian": Role.GUARDIAN, "student": Role.STUDENT}
    list_display = ("guardian", "student", "relationship")
    search_fields = ("guardian__username", "student__username")
    raw_id_fields = ("guardian", "student")
