"""The class dashboard: heatmap cells, sorting, unit filter, summary, alerts, query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learnloop.engine.levels import Level
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.privacy.scope import scope_of_classroom
from learnloop.standards.selectors import leaf_standards_for_classroom
from learnloop.teaching import signals
from learnloop.teaching.alerts import alerts_for_classroom
from learnloop.teaching.heatmap import heatmap_for_classroom
from learnloop.teaching.signals import HelpSignal, SelfRating, StudentSignals
from learnloop.teaching.tests.helpers import add_students, answer
from learnloop.testing.world import World


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(world: World, **query: str) -> str:
    base = reverse("teaching_class_dashboard", args=[world.classroom.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_cell_shows_level_letters_and_a_full_label(world: World, lw: LearningWorld) -> None:
    for right in (True, True, False, True, True):
        answer(world.student, lw, right)
    page = client_for(world.teacher).get(url(world)).content.decode()
    standard = lw.standards["6.RP.A.2"]
    heatmap = heatmap_for_classroom(world.classroom)
    (row,) = heatmap.rows
    cell = next(c for c in row.cells if c.standard == standard)
    assert cell.label == f"Sam Student, 6.RP.A.2: {cell.level.label}, 4 of 5 right"
    assert f'title="{cell.label}"' in page
    assert f'<span aria-hidden="true">{cell.abbreviation}</span>' in page
    assert "Sam Student, 6.RP.A.1: Not started, no answers yet" in page


def test_sort_by_a_standard_puts_the_weakest_first(world: World, lw: LearningWorld) -> None:
    strong, weak = add_students(world.classroom, 2)
    for _ in range(5):
        answer(strong, lw, True)
        answer(weak, lw, False)
    standard = lw.standards["6.RP.A.2"]
    by_name = heatmap_for_classroom(world.classroom, sort="name")
    assert [r.student for r in by_name.rows] == [strong, weak, world.student]
    by_standard = heatmap_for_classroom(world.classroom, sort=f"standard:{standard.pk}")
    assert [r.student for r in by_standard.rows][:2] == [world.student, weak]
    assert by_standard.rows[-1].student == strong
    page = client_for(world.teacher).get(url(world, sort=f"standard:{standard.pk}"))
    assert page.status_code == 200 and b'aria-sort="ascending"' in page.content
    nonsense = heatmap_for_classroom(world.classroom, sort="standard:999999")
    assert nonsense.sort == "name"


def test_unit_filter_keeps_only_that_clusters_standards(world: World, lw: LearningWorld) -> None:
    everything = heatmap_for_classroom(world.classroom)
    unit = lw.standards["6.RP.A.2"].parent
    filtered = heatmap_for_classroom(world.classroom, unit_id=unit.pk)
    assert {u.pk for u in everything.units} >= {unit.pk}
    assert filtered.standards and all(s.parent_id == unit.pk for s in filtered.standards)
    assert len(filtered.standards) < len(everything.standards)
    page = client_for(world.teacher).get(url(world, unit=str(unit.pk))).content.decode()
    assert f'<option value="{unit.pk}" selected>' in page


def test_summary_counts_students_at_each_level(world: World, lw: LearningWorld) -> None:
    others = add_students(world.classroom, 2)
    for _ in range(6):
        answer(others[0], lw, True)
    page = client_for(world.teacher).get(url(world)).content.decode()
    assert 'aria-label="6.RP.A.2: 1 mastered, 2 not started"' in page or (
        'aria-label="6.RP.A.2: 1 proficient, 2 not started"' in page
    )
    assert 'aria-label="6.RP.A.1: 3 not started"' in page


@pytest.mark.parametrize("size", [3, 30])
def test_query_count_does_not_grow_with_the_class(
    world: World, lw: LearningWorld, size: int
) -> None:
    students = add_students(world.classroom, size - 1)
    for student in students[:3]:
        answer(student, lw, True)
    client = client_for(world.teacher)
    client.get(url(world))  # warm the session and the engine model cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url(world))
    assert response.status_code == 200
    assert response.content.count(b'class="heatmap__cell') == size * len(
        leaf_standards_for_classroom(world.classroom)
    )
    assert len(captured) == QUERIES_FOR_A_CLASS


# the same for 3 and for 30 students; 4 are the goals signals, 2 the latest answers (the
# answers and the count regraded on sync, teaching.arrivals)
QUERIES_FOR_A_CLASS = 17


def test_stuck_and_inactive_alerts_with_their_moves(world: World, lw: LearningWorld) -> None:
    stuck, idle, busy = add_students(world.classroom, 3)
    now = timezone.now()
    for n in range(6):
        answer(stuck, lw, n % 3 == 0, now - dt.timedelta(days=2))
    answer(idle, lw, True, now - dt.timedelta(days=9))
    answer(busy, lw, True, now - dt.timedelta(days=1))
    alerts = alerts_for_classroom(
        [world.student, stuck, idle, busy],
        leaf_standards_for_classroom(world.classroom),
        now,
        scope=scope_of_classroom(world.classroom),
    )
    seen = {(a.kind, a.student.username): a for a in alerts}
    assert seen[("stuck", "kid0")].move == "Pull Kid0 for a small-group lesson on 6.RP.A.2"
    assert seen[("inactive", "kid1")].seen == "No answers for 9 days"
    assert seen[("inactive", "kid1")].move == "Check in with Kid1"
    assert seen[("inactive", "sam_student")].seen == "No answers yet"
    assert not any(a.student == busy for a in alerts)
    assert not any(a.kind == "stuck" and a.student == idle for a in alerts)


def test_five_attempts_are_not_yet_stuck(world: World, lw: LearningWorld) -> None:
    for _ in range(5):
        answer(world.student, lw, False)
    alerts = alerts_for_classroom(
        [world.student],
        leaf_standards_for_classroom(world.classroom),
        timezone.now(),
        scope=scope_of_classroom(world.classroom),
    )
    assert [a.kind for a in alerts] == []


@pytest.fixture
def registered_signals(world: World, lw: LearningWorld):  # type: ignore[no-untyped-def]
    standard = lw.standards["6.RP.A.2"]
    other = lw.standards["6.RP.A.1"]
    now = timezone.now()

    def source(student_ids: object, scope: object) -> StudentSignals:
        return StudentSignals(
            help=[HelpSignal(world.student.pk, "I don't get unit rates", now, standard.pk)],
            ratings=[
                SelfRating(world.student.pk, standard.pk, 4, now),
                SelfRating(world.student.pk, other.pk, 2, now),
            ],
        )

    with signals.SIGNAL_SOURCES.lent(source):
        yield standard


def test_help_and_calibration_alerts_from_registered_signals(
    world: World, lw: LearningWorld, registered_signals: object
) -> None:
    answer(world.student, lw, False)
    page = client_for(world.teacher).get(url(world)).content.decode()
    assert "Asked for help on 6.RP.A.2: “I don&#x27;t get unit rates”" in page
    assert "Over confident" in page
    assert "Rates 6.RP.A.2 at 4 of 4; their level is practicing (1 of 4)" in page
    assert "Ask Sam to show a worked example on 6.RP.A.2" in page
    assert "6.RP.A.1 at 2 of 4" not in page  # not started counts as 1: a gap of one step


def test_the_heatmap_letters_follow_the_teachers_language(world: World, lw: LearningWorld) -> None:
    for right in (True, True, True, True, True, True):
        answer(world.student, lw, right)
    world.teacher.language = "es"
    world.teacher.save(update_fields=["language"])
    page = client_for(world.teacher).get(url(world)).content.decode()
    heatmap = heatmap_for_classroom(world.classroom)
    levels = {cell.level for cell in heatmap.rows[0].cells}
    spanish = {Level.PRACTICING: "Pr", Level.FAMILIAR: "F", Level.PROFICIENT: "C",
               Level.MASTERED: "D"}  # fmt: skip
    shown = [level for level in levels if level in spanish]
    assert shown, levels
    for level in shown:
        assert f'<span aria-hidden="true">{spanish[level]}</span>' in page
    assert "<strong>C</strong>" in page and "<strong>D</strong>" in page  # the legend's key
