"""Which classes a teacher's page speaks for: the frameworks whose records it shows.

A help request, goal, reflection or self-assessment tied to standards belongs to the
classes whose frameworks hold those standards; one tied to no standard (a habit goal, a
week's reflection) belongs to every class of the student. privacy.rules says which kinds
of record a teacher reads; a Scope says which of them: those of one class (the class
dashboard) or of every class the teacher teaches (home, Help and goals, the student
profile, a conference agenda). `goals.scope.in_scope` turns a Scope into the condition
each query carries, so the rule is applied in the statement that reads the rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from learnloop.accounts.models import User
from learnloop.privacy.rules import Reader
from learnloop.schools.models import Classroom
from learnloop.standards.models import Framework


@dataclass(frozen=True)
class Scope:
    """`frameworks` is a subquery of framework ids, or None: not narrowed by class (the
    student themselves, their family, the school office)."""

    frameworks: QuerySet[Framework, dict[str, int]] | None


EVERY_CLASS = Scope(None)


def scope_of_teacher(teacher: User) -> Scope:
    """The frameworks of every class the teacher teaches (no query: a subquery)."""
    return Scope(Framework.objects.filter(classrooms__teachers=teacher).values("pk"))


def scope_of_classroom(classroom: Classroom) -> Scope:
    return Scope(Framework.objects.filter(classrooms=classroom).values("pk"))


def scope_of_reader(viewer: User | AnonymousUser, reader: Reader | None) -> Scope:
    """A teacher reads within their classes; other readers are not narrowed by class."""
    if reader == Reader.TEACHER:
        assert isinstance(viewer, User)
        return scope_of_teacher(viewer)
    return EVERY_CLASS
