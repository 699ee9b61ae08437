"""Every branch of goals.access: who may change, co-sign, resolve and read."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from learnloop.goals.access import (
    access_goal_to_cosign,
    access_help_request_to_resolve,
    access_own_goal,
    can_read_reflections,
    teaches,
)
from learnloop.goals.tests.factories import goal_of, help_request_of
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.testing.world import World


def test_teaches_and_reads_reflections(world: World, lw: LearningWorld) -> None:
    student = world.student
    assert teaches(world.teacher, student)
    assert not teaches(world.other_teacher, student)
    assert not teaches(world.guardian, student)
    assert not teaches(AnonymousUser(), student)
    readers = {
        role: can_read_reflections(world.user(role) or AnonymousUser(), student)
        for role in ("anonymous", "student", "other_student", "teacher", "guardian", "admin")
    }
    assert readers == {
        "anonymous": False,
        "student": True,
        "other_student": False,
        "teacher": True,
        "guardian": False,
        "admin": False,
    }


def test_own_goal(world: World, lw: LearningWorld) -> None:
    goal = goal_of(world)
    assert access_own_goal(world.student, goal.pk) == goal
    with pytest.raises(PermissionDenied):
        access_own_goal(world.other_student, goal.pk)
    with pytest.raises(PermissionDenied):
        access_own_goal(world.teacher, goal.pk)
    with pytest.raises(Http404):
        access_own_goal(world.student, goal.pk + 1000)


@pytest.mark.parametrize("what", ["goal", "help request"])
def test_only_the_students_teacher_acts(world: World, lw: LearningWorld, what: str) -> None:
    if what == "goal":
        access, found = access_goal_to_cosign, goal_of(world)
    else:
        access, found = access_help_request_to_resolve, help_request_of(world)
    assert access(world.teacher, found.pk) == found
    for outsider in (world.other_teacher, world.student, world.admin, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            access(outsider, found.pk)
    with pytest.raises(Http404, match=f"No such {what}"):
        access(world.teacher, found.pk + 1000)
