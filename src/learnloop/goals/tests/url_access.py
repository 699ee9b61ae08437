import uuid

from learnloop.goals.tests.factories import CODE, goal_of, help_request_of
from learnloop.learning.tests.fixtures import learning_world
from learnloop.testing.world import World
from learnloop.web.tests.url_access import Expectation

STUDENT = frozenset({"student"})
ANY_STUDENT = frozenset({"student", "other_student"})
TEACHER = frozenset({"teacher"})
ANY_TEACHER = frozenset({"teacher", "other_teacher"})
SEES_STUDENT = frozenset({"student", "teacher", "guardian", "admin"})


def _goal(world: World) -> dict[str, int]:
    return {"goal_id": goal_of(world).pk}


def _standard(world: World) -> dict[str, int]:
    return {"standard_id": learning_world(world).standards[CODE].pk}


EXPECTATIONS = {
    "goals_home": Expectation(ANY_STUDENT),
    "goals_new": Expectation(ANY_STUDENT),
    "goals_achieve": Expectation(STUDENT, kwargs=_goal, method="post"),
    "goals_abandon": Expectation(STUDENT, kwargs=_goal, method="post"),
    "goals_request_cosign": Expectation(STUDENT, kwargs=_goal, method="post"),
    "goals_reflect": Expectation(
        ANY_STUDENT,
        method="post",
        data=lambda world: {"text": "Tables help", "client_id": uuid.uuid4()},
    ),
    "goals_rate": Expectation(
        STUDENT,
        kwargs=_standard,
        method="post",
        data=lambda world: {"rating": 3, "client_id": uuid.uuid4()},
    ),
    "goals_help": Expectation(ANY_STUDENT, method="post", data=lambda world: {"message": "Help"}),
    "goals_teacher": Expectation(ANY_TEACHER),
    "goals_cosign": Expectation(TEACHER, kwargs=_goal, method="post"),
    "goals_help_resolve": Expectation(
        TEACHER, kwargs=lambda world: {"request_id": help_request_of(world).pk}, method="post"
    ),
    "goals_student": Expectation(
        SEES_STUDENT, kwargs=lambda world: {"student_id": world.student.pk}
    ),
}
