import uuid

from learnloop.portfolio.tests.fixtures import portfolio_world
from learnloop.testing.world import World
from learnloop.web.tests.url_access import Expectation

STUDENT = frozenset({"student"})
ANY_STUDENT = frozenset({"student", "other_student"})
TEACHER = frozenset({"teacher"})
ANY_TEACHER = frozenset({"teacher", "other_teacher"})
GUARDIAN = frozenset({"guardian"})
SEES_SHARED = frozenset({"student", "teacher", "guardian", "admin"})
SEES_PRIVATE = frozenset({"student", "teacher", "admin"})


def _shared(world: World) -> dict[str, int]:
    return {"artifact_id": portfolio_world(world).shared.pk}


def _private(world: World) -> dict[str, int]:
    return {"artifact_id": portfolio_world(world).private.pk}


def _picture(world: World) -> dict[str, int]:
    return {"artifact_id": portfolio_world(world).picture.pk}


def _text(world: World) -> dict[str, str]:
    return {"client_id": str(uuid.uuid4()), "text": "Nice work."}


EXPECTATIONS = {
    "portfolio_mine": Expectation(ANY_STUDENT),
    "portfolio_add": Expectation(ANY_STUDENT),
    "portfolio_artifact": Expectation(SEES_SHARED, kwargs=_shared),
    # Not shared with family: the guardian is refused.
    "portfolio_edit": Expectation(STUDENT, kwargs=_private),
    "portfolio_delete": Expectation(STUDENT, kwargs=_private, method="post"),
    "portfolio_file": Expectation(SEES_SHARED, kwargs=_picture),
    "portfolio_feedback": Expectation(TEACHER, kwargs=_shared, method="post", data=_text),
    "portfolio_score": Expectation(TEACHER, kwargs=_shared),
    "portfolio_comment": Expectation(GUARDIAN, kwargs=_shared, method="post", data=_text),
    "portfolio_comment_queue": Expectation(ANY_TEACHER),
    "portfolio_moderate": Expectation(
        TEACHER,
        kwargs=lambda world: {"comment_id": portfolio_world(world).comment.pk},
        method="post",
        data=lambda world: {"decision": "approve"},
    ),
    "portfolio_student": Expectation(
        frozenset({"teacher", "admin"}), kwargs=lambda world: {"student_id": world.student.pk}
    ),
    # A teacher records an observation (photo or voice note) for a student they teach.
    "portfolio_observe": Expectation(
        TEACHER, kwargs=lambda world: {"student_id": world.student.pk}
    ),
}
