from learnloop.portfolio.tests.fixtures import portfolio_world
from learnloop.testing.world import World
from learnloop.web.tests.url_access import Expectation

SEES_STUDENT = frozenset({"student", "teacher", "guardian", "admin"})


def _student(world: World) -> dict[str, int]:
    portfolio_world(world)
    return {"student_id": world.student.pk}


EXPECTATIONS = {
    "family_student": Expectation(frozenset({"guardian"}), kwargs=_student),
    "family_report": Expectation(SEES_STUDENT, kwargs=_student),
    "family_report_pdf": Expectation(SEES_STUDENT, kwargs=_student),
}
