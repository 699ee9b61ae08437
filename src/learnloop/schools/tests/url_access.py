from learnloop.web.tests.url_access import Expectation

EXPECTATIONS = {
    "classroom_detail": Expectation(
        frozenset({"teacher", "admin"}),
        kwargs=lambda world: {"classroom_id": world.classroom.pk},
    ),
}
