"""Every branch of who may see which student and which class."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from learnloop.accounts.access import access_student, can_see_student, require_role
from learnloop.schools.access import access_classroom, can_manage_classroom
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("viewer", "allowed"),
    [
        ("student", True),
        ("other_student", False),
        ("teacher", True),
        ("other_teacher", False),
        ("guardian", True),
        ("other_guardian", False),
        ("admin", True),
        ("foreign_admin", False),
    ],
)
def test_who_sees_the_student(world: World, viewer: str, allowed: bool) -> None:
    assert can_see_student(getattr(world, viewer), world.student) is allowed


def test_anonymous_sees_no_student(world: World) -> None:
    assert can_see_student(AnonymousUser(), world.student) is False


def test_access_student_404_for_missing_and_non_students(world: World) -> None:
    with pytest.raises(Http404):
        access_student(world.admin, 999_999)
    with pytest.raises(Http404):
        access_student(world.admin, world.teacher.pk)


def test_access_student_403_when_not_allowed(world: World) -> None:
    with pytest.raises(PermissionDenied):
        access_student(world.other_teacher, world.student.pk)
    assert access_student(world.guardian, world.student.pk) == world.student


@pytest.mark.parametrize(
    ("viewer", "allowed"),
    [
        ("student", False),
        ("teacher", True),
        ("other_teacher", False),
        ("guardian", False),
        ("admin", True),
        ("foreign_admin", False),
    ],
)
def test_who_manages_the_classroom(world: World, viewer: str, allowed: bool) -> None:
    assert can_manage_classroom(getattr(world, viewer), world.classroom) is allowed


def test_access_classroom_errors(world: World) -> None:
    assert not can_manage_classroom(AnonymousUser(), world.classroom)
    with pytest.raises(Http404):
        access_classroom(world.teacher, 999_999)
    with pytest.raises(PermissionDenied):
        access_classroom(world.other_teacher, world.classroom.pk)


def test_require_role(world: World) -> None:
    assert require_role(world.teacher, "teacher") == world.teacher
    with pytest.raises(PermissionDenied):
        require_role(world.student, "teacher")
    with pytest.raises(PermissionDenied):
        require_role(AnonymousUser(), "teacher")
