import uuid

from learnloop.conferences.models import Owner
from learnloop.conferences.tests.factories import action_of, conference_for
from learnloop.testing.world import World
from learnloop.web.tests.url_access import Expectation

STUDENT = frozenset({"student"})
ANY_STUDENT = frozenset({"student", "other_student"})
TEACHER = frozenset({"teacher"})
ANY_TEACHER = frozenset({"teacher", "other_teacher"})
SEES_STUDENT = frozenset({"student", "teacher", "guardian", "admin"})


def _conference(world: World) -> dict[str, int]:
    return {"conference_id": conference_for(world).pk}


def _student(world: World) -> dict[str, int]:
    return {"student_id": world.student.pk}


EXPECTATIONS = {
    "conferences_home": Expectation(ANY_STUDENT | ANY_TEACHER),
    "conferences_request": Expectation(ANY_STUDENT),
    "conferences_todo": Expectation(ANY_TEACHER),
    "conferences_student": Expectation(SEES_STUDENT, kwargs=_student),
    "conferences_plan": Expectation(TEACHER, kwargs=_student),
    "conferences_detail": Expectation(SEES_STUDENT, kwargs=_conference),
    "conferences_action_done": Expectation(
        STUDENT,
        kwargs=lambda world: {"action_id": action_of(world, Owner.STUDENT).pk},
        method="post",
    ),
    "conferences_add_note": Expectation(
        TEACHER,
        kwargs=_conference,
        method="post",
        data=lambda world: {"text": "ok", "visibility": "shared", "client_id": uuid.uuid4()},
    ),
    "conferences_add_action": Expectation(
        TEACHER,
        kwargs=_conference,
        method="post",
        data=lambda world: {"owner": "teacher", "title": "Call home", "client_id": uuid.uuid4()},
    ),
    "conferences_schedule": Expectation(
        TEACHER,
        kwargs=_conference,
        method="post",
        data=lambda world: {"scheduled_at": "2026-12-01T10:00", "place": "Room 12"},
    ),
    "conferences_status": Expectation(
        TEACHER, kwargs=_conference, method="post", data=lambda world: {"to": "agenda"}
    ),
}
