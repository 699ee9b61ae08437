from learnloop.portfolio.tests.fixtures import portfolio_world
from learnloop.testing.world import World
from learnloop.web.tests.url_access import EVERYONE, Expectation

SEES_STUDENT = frozenset({"student", "teacher", "guardian", "admin"})


def _student(world: World) -> dict[str, int]:
    portfolio_world(world)
    return {"student_id": world.student.pk}


EXPECTATIONS = {
    "family_student": Expectation(frozenset({"guardian"}), kwargs=_student),
    "family_report": Expectation(SEES_STUDENT, kwargs=_student),
    "family_report_pdf": Expectation(SEES_STUDENT, kwargs=_student),
}


def _token(world: World) -> dict[str, str]:
    from learnloop.family.tokens import unsubscribe_token

    return {"token": unsubscribe_token(world.guardian)}


EXPECTATIONS |= {
    "family_digest_preferences": Expectation(frozenset({"guardian", "other_guardian"})),
    # The signed token is the credential: anyone holding the email's link, signed in or not.
    "family_unsubscribe": Expectation(EVERYONE, kwargs=_token),
}
