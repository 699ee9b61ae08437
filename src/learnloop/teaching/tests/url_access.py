from learnloop.learning.tests.fixtures import learning_world
from learnloop.teaching.tests.factories import assignment_of, group_of
from learnloop.testing.world import World
from learnloop.web.tests.url_access import Expectation

STAFF = frozenset({"teacher", "admin"})  # the class's teacher and the school admin
STUDENT = frozenset({"student"})
TEACHER = frozenset({"teacher"})  # the class's own teacher only
ANY_STAFF = frozenset({"teacher", "other_teacher", "admin"})  # the how-tos


def _classroom(world: World) -> dict[str, int]:
    return {"classroom_id": world.classroom.pk}


def _standards(world: World) -> dict[str, object]:
    return {"standards": [learning_world(world).standards["6.RP.A.2"].pk]}


def _move(world: World) -> dict[str, object]:
    return {
        "standard": learning_world(world).standards["6.RP.A.2"].pk,
        "students": [world.student.pk],
        "name": "6.RP.A.2: 5:3",
    }


def _lesson_move(world: World) -> dict[str, object]:
    return {
        **_move(world),
        "activity": learning_world(world).lesson.pk,
        "client_id": "6f1d3f5e-8f7b-4c36-9a8c-2d1e7c1b9a10",
    }


EXPECTATIONS = {
    "teaching_class_mistakes": Expectation(STAFF, kwargs=_classroom),
    "teaching_mistake_group": Expectation(STAFF, kwargs=_classroom, data=_move, method="post"),
    "teaching_mistake_assign": Expectation(
        STAFF, kwargs=_classroom, data=_lesson_move, method="post"
    ),
    "teaching_help": Expectation(ANY_STAFF, kwargs=lambda world: {"page": "mistakes"}),
    "teaching_class_dashboard": Expectation(STAFF, kwargs=_classroom),
    "teaching_class_pack": Expectation(TEACHER, kwargs=_classroom),
    "teaching_student_profile": Expectation(
        STAFF, kwargs=lambda world: {"student_id": world.student.pk}
    ),
    "teaching_group_list": Expectation(STAFF, kwargs=_classroom),
    "teaching_class_relations": Expectation(STAFF, kwargs=_classroom),
    "teaching_group_suggest": Expectation(STAFF, kwargs=_classroom, data=_standards),
    "teaching_group_delete": Expectation(
        STAFF, kwargs=lambda world: {"group_id": group_of(world).pk}, method="post"
    ),
    "teaching_assignment_list": Expectation(STAFF, kwargs=_classroom),
    "teaching_assignment_new": Expectation(STAFF, kwargs=_classroom),
    "teaching_assignment_detail": Expectation(
        STAFF, kwargs=lambda world: {"assignment_id": assignment_of(world).pk}
    ),
    "teaching_assignment_done": Expectation(
        STUDENT,
        kwargs=lambda world: {
            "assignment_id": assignment_of(world, learning_world(world).lesson, "lesson").pk
        },
        method="post",
    ),
}
