from learnloop.portfolio.tests.fixtures import portfolio_world
from learnloop.testing.world import World
from learnloop.web.tests.url_access import Expectation

ADMIN = frozenset({"admin"})


def _student(world: World) -> dict[str, int]:
    portfolio_world(world)
    return {"student_id": world.student.pk}


EXPECTATIONS = {
    "privacy_home": Expectation(ADMIN),
    "privacy_student": Expectation(ADMIN, kwargs=_student),
    "privacy_export": Expectation(ADMIN, kwargs=_student, method="post"),
    # No confirmation is sent, so the admin gets the form back with an error: nothing is deleted.
    "privacy_delete": Expectation(ADMIN, kwargs=_student, method="post"),
}
