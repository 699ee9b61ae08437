from django.contrib import admin

from learnloop.schools.models import Classroom, Enrollment, School, Term
from learnloop.web.admin_scoping import SchoolScopedAdmin


@admin.register(School)
class SchoolAdmin(SchoolScopedAdmin, admin.ModelAdmin):
    school_path = ""
    list_display = ("name", "slug", "time_zone")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Term)
class TermAdmin(SchoolScopedAdmin, admin.ModelAdmin):
    school_path = "school"
    list_display = ("name", "school", "starts_on", "ends_on")


class EnrollmentInline(admin.TabularInline):
    model = Enrollment
    raw_id_fields = ("student",)
    extra = 0


@admin.register(Classroom)
class ClassroomAdmin(SchoolScopedAdmin, admin.ModelAdmin):
    school_path = "school"
    list_display = ("name", "school", "term", "subject", "grade_level")
    list_filter = ("term", "subject")
    filter_horizontal = ("teachers",)
    inlines = [EnrollmentInline]
