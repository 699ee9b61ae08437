"""Known, start here, later: the edge of what a student knows, from the estimates."""

from __future__ import annotations

from learnloop.engine.placement import PlacementCourse
from learnloop.placement.course import Course
from learnloop.placement.selectors import Place, places_from
from learnloop.standards.models import Standard


def test_start_is_the_first_unknown_standard_whose_prerequisites_are_known() -> None:
    ids = ("a", "b", "c", "d")
    engine = PlacementCourse(ids, (("a", "b"), ("b", "c"), ("a", "d")))
    course = Course(engine, {key: Standard(code=key) for key in ids}, ids)
    places = places_from({"a": 0.9, "b": 0.2, "c": 0.1, "d": 0.4}, course)
    assert places == {"a": Place.KNOWN, "b": Place.START, "c": Place.LATER, "d": Place.START}


def test_with_nothing_known_the_roots_are_where_to_start() -> None:
    ids = ("a", "b")
    course = Course(PlacementCourse(ids, (("a", "b"),)), {k: Standard(code=k) for k in ids}, ids)
    assert places_from({"a": 0.1, "b": 0.1}, course) == {"a": Place.START, "b": Place.LATER}
