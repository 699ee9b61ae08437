"""Who may open the standards pages (see learnloop/web/tests/test_url_access.py).

The framework is followed by `world.classroom` only, so `student` may browse it and
`other_student` may not; teachers and the school admin browse every framework;
guardians browse none.
"""

from __future__ import annotations

from learnloop.standards.demo_framework import ensure_demo_framework
from learnloop.standards.selectors import standard_by_code
from learnloop.standards.services import adopt_framework
from learnloop.testing.world import World
from learnloop.web.tests.url_access import Expectation

STAFF = frozenset({"teacher", "other_teacher", "admin"})
LIST_ALLOWED = STAFF | {"student", "other_student"}
FRAMEWORK_ALLOWED = STAFF | {"student"}


def followed_framework(world: World) -> dict[str, int]:
    framework = ensure_demo_framework()
    adopt_framework(classroom=world.classroom, framework=framework)
    return {"framework_id": framework.pk}


def unit_rate(world: World) -> dict[str, int]:
    kwargs = followed_framework(world)
    standard = standard_by_code(ensure_demo_framework(), "6.RP.A.2")
    assert standard is not None
    return {**kwargs, "standard_id": standard.pk}


EXPECTATIONS = {
    "standards_framework_list": Expectation(LIST_ALLOWED),
    "standards_framework_detail": Expectation(FRAMEWORK_ALLOWED, kwargs=followed_framework),
    "standards_standard_detail": Expectation(FRAMEWORK_ALLOWED, kwargs=unit_rate),
}
