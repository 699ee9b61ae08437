from django.utils import timezone

from learnloop.testing.world import World
from learnloop.web.tests.url_access import Expectation
from learnloop.xapi.models import OutboxStatement, OutboxStatus

OFFICE = frozenset({"admin"})


def dead_letter(world: World) -> dict[str, object]:
    """A refused statement of the world's school, new for each try."""
    row = OutboxStatement.objects.create(
        school=world.school,
        student=world.student,
        verb="answered",
        object_type="item",
        object_id=1,
        timestamp=timezone.now(),
        status=OutboxStatus.DEAD,
        last_error="the LRS holds a different statement with this id (409)",
    )
    return {"statement_id": row.pk}


EXPECTATIONS = {
    "xapi_settings": Expectation(OFFICE),
    "xapi_outbox": Expectation(OFFICE),
    "xapi_dead_letter_retry": Expectation(OFFICE, kwargs=dead_letter, method="post"),
    "xapi_dead_letter_discard": Expectation(OFFICE, kwargs=dead_letter, method="post"),
}
