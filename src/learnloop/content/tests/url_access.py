"""Who may open which content URL: authors of the school (teachers, school admin) only."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from learnloop.content.models import ActivityKind
from learnloop.content.oatutor_items import figure_path
from learnloop.content.tests.factories import make_activity, make_item
from learnloop.web.tests.url_access import SIGNED_IN, Expectation

AUTHORS = frozenset({"teacher", "other_teacher", "admin"})


def _item(world):
    return {"item_id": make_item(world.teacher).pk}


def _activity(kind: str = ActivityKind.PRACTICE):
    return lambda world: {"activity_id": make_activity(world.teacher, kind=kind).pk}


def _figure(world):
    """A stored figure of imported open content: any signed-in person may load it."""
    stored = figure_path("url-access", "figure1.gif")
    if not default_storage.exists(stored):
        default_storage.save(stored, ContentFile(b"GIF89a"))
    return {"path": "url-access/figure1.gif"}


EXPECTATIONS = {
    "content_library": Expectation(AUTHORS),
    "content_items": Expectation(AUTHORS),
    "content_item_create": Expectation(AUTHORS, kwargs=lambda world: {"kind": "numeric"}),
    "content_item_preview": Expectation(AUTHORS, kwargs=_item),
    "content_item_edit": Expectation(AUTHORS, kwargs=_item),
    "content_item_standards": Expectation(AUTHORS, kwargs=_item),
    "content_item_publish": Expectation(AUTHORS, kwargs=_item, method="post"),
    "content_activity_create": Expectation(AUTHORS, kwargs=lambda world: {"kind": "lesson"}),
    "content_activity_preview": Expectation(AUTHORS, kwargs=_activity()),
    "content_activity_edit": Expectation(AUTHORS, kwargs=_activity()),
    "content_activity_standards": Expectation(AUTHORS, kwargs=_activity()),
    "content_activity_items": Expectation(AUTHORS, kwargs=_activity()),
    "content_activity_rubric": Expectation(AUTHORS, kwargs=_activity(ActivityKind.PROJECT)),
    "content_activity_publish": Expectation(AUTHORS, kwargs=_activity(), method="post"),
    "content_activity_copy": Expectation(AUTHORS, kwargs=_activity(), method="post"),
    "content_figure": Expectation(SIGNED_IN, kwargs=_figure),
}
