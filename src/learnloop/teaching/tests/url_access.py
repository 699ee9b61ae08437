from learnloop.learning.tests.fixtures import learning_world
from learnloop.teaching.tests.factories import assignment_of, group_of
from learnloop.testing.world import World
from learnloop.web.tests.url_access import Expectation

STAFF = frozenset({"teacher", "admin"})  # the class's teacher and the school admin
STUDENT = frozenset({"student"})
TEACHER = frozenset({"teacher"})  # the class's own teacher only


def _classroom(world: World) -> dict[str, int]:
    return {"classroom_id": world.classroom.pk}


def _standards(world: World) -> dict[str, object]:
    return {"standards": [learning_world(world).standards["6.RP.A.2"].pk]}


EXPECTATIONS = {
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
