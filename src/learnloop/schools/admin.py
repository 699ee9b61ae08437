from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext

from learnloop.accounts.models import Role
from learnloop.schools.models import Classroom, Enrollment, School, Term
from learnloop.web.admin_scoping import SchoolScopedAdmin, SchoolScopedInline, is_superuser


@admin.register(School)
class SchoolAdmin(SchoolScopedAdmin):
    school_path = ""
    list_display = ("name", "slug", "time_zone")
    prepopulated_fields = {"slug": ("name",)}

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_superuser(request)  # a school admin runs one school, not new ones

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_superuser(request)


@admin.register(Term)
class TermAdmin(SchoolScopedAdmin):
    school_path = "school"
    list_display = ("name", "school", "starts_on", "ends_on")


class EnrollmentForm(forms.ModelForm):
    class Meta:
        model = Enrollment
        fields = ("student",)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        student, classroom = data.get("student"), getattr(self.instance, "classroom", None)
        if student and classroom and student.school_id != classroom.school_id:
            self.add_error("student", "Choose a student of this class's school.")
        return data


class EnrollmentInline(SchoolScopedInline):
    model = Enrollment
    form = EnrollmentForm
    raw_id_fields = ("student",)
    person_roles = {"student": Role.STUDENT}
    extra = 0


class ClassroomAdminForm(forms.ModelForm):
    """A class, its term and its teachers belong to one school (superusers included)."""

    class Meta:
        model = Classroom
        fields = ("school", "term", "name", "subject", "grade_level", "teachers", "frameworks")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        school, term = data.get("school"), data.get("term")
        if school is not None and term is not None and term.school_id != school.pk:
            self.add_error("term", "Choose a term of this class's school.")
        strangers = [
            t for t in data.get("teachers") or () if t.school_id != getattr(school, "pk", None)
        ]
        if school is not None and strangers:
            self.add_error("teachers", "Choose teachers of this class's school.")
        return data


class BlankNamedValuesFilter(admin.AllValuesFieldListFilter):
    """Django's filter by each value, with the empty value named (a link needs text)."""

    def choices(self, changelist: Any) -> Any:
        for choice in super().choices(changelist):
            if choice["display"] == "":
                choice = {**choice, "display": gettext("(blank)")}
            yield choice


@admin.register(Classroom)
class ClassroomAdmin(SchoolScopedAdmin):
    form = ClassroomAdminForm
    school_path = "school"
    person_roles = {"teachers": Role.TEACHER}
    list_display = ("name", "school", "term", "subject", "grade_level")
    list_filter = (("term", admin.RelatedOnlyFieldListFilter), ("subject", BlankNamedValuesFilter))
    filter_horizontal = ("teachers",)
    inlines = [EnrollmentInline]
