from __future__ import annotations

from learnloop.placement.tests.factories import placement_check
from learnloop.web.tests.url_access import Expectation

STUDENTS = frozenset({"student", "other_student"})
STUDENT = frozenset({"student"})  # a student of the check's class
STAFF = frozenset({"teacher", "admin"})  # the class's teacher and the school admin

EXPECTATIONS = {
    "placement_mine": Expectation(STUDENTS),
    "placement_take": Expectation(
        STUDENT, kwargs=lambda world: {"check_id": placement_check(world).pk}
    ),
    "placement_class": Expectation(
        STAFF, kwargs=lambda world: {"classroom_id": world.classroom.pk}
    ),
}
