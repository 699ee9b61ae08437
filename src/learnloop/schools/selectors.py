"""Reads about schools and classes, shaped for the pages that show them."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from learnloop.accounts.models import GuardianLink, Role, User
from learnloop.schools.models import Classroom, School, Term


def classrooms_for_teacher(teacher: User) -> QuerySet[Classroom]:
    return (
        Classroom.objects.filter(teachers=teacher)
        .select_related("term")
        .annotate(student_count=Count("enrollments", distinct=True))
        .order_by("name")
    )


def classrooms_for_student(student: User) -> QuerySet[Classroom]:
    return (
        Classroom.objects.filter(enrollments__student=student)
        .select_related("term")
        .prefetch_related(Prefetch("teachers", queryset=User.objects.order_by("last_name")))
        .order_by("name")
    )


def children_for_guardian(guardian: User) -> list[User]:
    links = (
        GuardianLink.objects.filter(guardian=guardian)
        .select_related("student")
        .prefetch_related(
            Prefetch(
                "student__enrolled_classrooms",
                queryset=Classroom.objects.prefetch_related("teachers"),
            )
        )
        .order_by("student__first_name")
    )
    return [link.student for link in links]


def students_for_classroom(classroom: Classroom) -> QuerySet[User]:
    return User.objects.filter(enrollments__classroom=classroom).order_by("last_name", "first_name")


def school_overview(school: School) -> dict[str, object]:
    """Counts and classes for a school admin's home page."""
    members = User.objects.filter(school=school).values("role").annotate(n=Count("id"))
    counts = {row["role"]: row["n"] for row in members}
    classrooms = (
        Classroom.objects.filter(school=school)
        .select_related("term")
        .prefetch_related("teachers")
        .annotate(student_count=Count("enrollments", distinct=True))
        .order_by("term__name", "name")
    )
    return {
        "students": counts.get(Role.STUDENT, 0),
        "teachers": counts.get(Role.TEACHER, 0),
        "guardians": GuardianLink.objects.filter(student__school=school)
        .values("guardian")
        .distinct()
        .count(),
        "classrooms": classrooms,
        "terms": school.terms.all(),
    }


def guardians_for_school(school_id: int | None) -> QuerySet[User]:
    """Guardians a school's admin may see and link: those the school registered (their
    `school`), and those already linked to one of its students."""
    linked = GuardianLink.objects.filter(student__school_id=school_id).values("guardian_id")
    return User.objects.filter(role=Role.GUARDIAN).filter(Q(school_id=school_id) | Q(pk__in=linked))


def people_for_school(school_id: int | None, role: str | None = None) -> QuerySet[User]:
    """A school's people of one role (all roles when None); guardians as
    `guardians_for_school` says, since a guardian may belong to no school."""
    if role == Role.GUARDIAN:
        return guardians_for_school(school_id)
    members = User.objects.filter(school_id=school_id)
    if role is not None:
        return members.filter(role=role)
    return members | guardians_for_school(school_id)


def people_page_for_school(school: School, role: str) -> list[User]:
    """The school's people of one role for the office's list, with what the list shows:
    a student's or teacher's classes, a guardian's children (no query per row)."""
    people = people_for_school(school.pk, role).order_by("last_name", "first_name", "username")
    if role == Role.STUDENT:
        people = people.prefetch_related(
            Prefetch("enrolled_classrooms", queryset=Classroom.objects.order_by("name"))
        )
    elif role == Role.TEACHER:
        people = people.prefetch_related(
            Prefetch("teaching_classrooms", queryset=Classroom.objects.order_by("name"))
        )
    elif role == Role.GUARDIAN:
        links = GuardianLink.objects.filter(student__school=school).select_related("student")
        people = people.prefetch_related(Prefetch("child_links", queryset=links))
    return list(people)


def guardian_links_for_school(school: School) -> QuerySet[GuardianLink]:
    return (
        GuardianLink.objects.filter(student__school=school)
        .select_related("guardian", "student")
        .order_by("student__last_name", "student__first_name", "guardian__last_name")
    )


def terms_for_school(school: School) -> QuerySet[Term]:
    """The school's terms, latest first, each with its number of classes (one query)."""
    return (
        Term.objects.filter(school=school)
        .annotate(classroom_count=Count("classrooms"))
        .order_by("-starts_on", "name")
    )


def classrooms_managed_by(user: User) -> QuerySet[Classroom]:
    """The classes a teacher teaches, or every class of a school admin's school."""
    if user.role == Role.SCHOOL_ADMIN and user.school_id is not None:
        return Classroom.objects.filter(school_id=user.school_id)
    if user.role == Role.TEACHER:
        return Classroom.objects.filter(teachers=user)
    return Classroom.objects.none()
