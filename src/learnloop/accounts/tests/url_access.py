from learnloop.web.tests.url_access import EVERYONE, SIGNED_IN, Expectation

EXPECTATIONS = {
    "login": Expectation(EVERYONE),
    "logout": Expectation(EVERYONE, method="post"),
    "password_change": Expectation(SIGNED_IN),
    "password_change_done": Expectation(SIGNED_IN),
    "password_reset": Expectation(EVERYONE),
    "password_reset_done": Expectation(EVERYONE),
    "password_reset_confirm": Expectation(
        EVERYONE, kwargs=lambda world: {"uidb64": "MQ", "token": "bad-token"}
    ),
    "sign_in_link": Expectation(
        EVERYONE, kwargs=lambda world: {"uidb64": "MQ", "token": "bad-token"}
    ),
    "password_reset_complete": Expectation(EVERYONE),
    "student_overview": Expectation(
        frozenset({"student", "teacher", "guardian", "admin"}),
        kwargs=lambda world: {"student_id": world.student.pk},
    ),
}
