from learnloop.gradebook.services import override_grade
from learnloop.learning.tests.fixtures import learning_world
from learnloop.testing.world import World
from learnloop.web.tests.url_access import Expectation

TEACHER = frozenset({"teacher"})
TEACHES_OR_RUNS = frozenset({"teacher", "admin"})
SEES_STUDENT = frozenset({"student", "teacher", "guardian", "admin"})


def _classroom(world: World) -> dict[str, int]:
    return {"classroom_id": world.classroom.pk}


def _cell(world: World) -> dict[str, int]:
    standard = learning_world(world).standards["6.RP.A.2"]
    return {"student_id": world.student.pk, "standard_id": standard.pk}


def _overridden_cell(world: World) -> dict[str, int]:
    standard = learning_world(world).standards["6.RP.A.2"]
    override_grade(
        teacher=world.teacher, student=world.student, standard=standard, level=3, reason="seen"
    )
    return _cell(world)


EXPECTATIONS = {
    "gradebook_class": Expectation(TEACHES_OR_RUNS, kwargs=_classroom),
    "gradebook_class_csv": Expectation(TEACHES_OR_RUNS, kwargs=_classroom),
    "gradebook_student": Expectation(
        SEES_STUDENT, kwargs=lambda world: {"student_id": world.student.pk}
    ),
    "gradebook_observation_new": Expectation(
        TEACHER, kwargs=lambda world: {"student_id": world.student.pk}
    ),
    "gradebook_cell": Expectation(TEACHES_OR_RUNS, kwargs=_cell),
    "gradebook_cell_override": Expectation(
        TEACHER, kwargs=_cell, method="post", data=lambda world: {"level": 3, "reason": "Quiz"}
    ),
    "gradebook_cell_remove_override": Expectation(
        TEACHER, kwargs=_overridden_cell, method="post", data=lambda world: {"reason": "Redo"}
    ),
}
