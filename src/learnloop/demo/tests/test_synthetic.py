"""`learnloop seed-synthetic`: a small district, bulk-loaded, equals what the log implies."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from learnloop.accounts.models import User
from learnloop.cli import main
from learnloop.demo.bulk import indexes_rebuilt_after
from learnloop.demo.seed_synthetic import seed_synthetic
from learnloop.demo.synthetic import CLASS_SIZE, SyntheticExists
from learnloop.learning.models import MasteryState, Response, StudentTrace
from learnloop.schools.models import Classroom, Enrollment

pytestmark = pytest.mark.django_db


def derived_state() -> tuple[dict[tuple[int, int], tuple[Any, ...]], dict[int, Any]]:
    states = {
        (row.student_id, row.standard_id): (
            row.skill_state,
            round(row.mastery, 12),
            row.level,
            row.attempts,
            row.successes,
            row.last_practiced_at,
            row.review_card,
            row.review_due_at,
            row.updated_at,
        )
        for row in MasteryState.objects.all()
    }
    traces = {row.student_id: (row.state, row.updated_at) for row in StudentTrace.objects.all()}
    return states, traces


def test_a_small_district_has_the_counts_asked_for() -> None:
    report = seed_synthetic(students=80, responses=2_000, seed=3, progress=lambda _: None)
    assert (report.students, report.responses) == (80, 2_000)
    assert Response.objects.count() == 2_000
    assert User.objects.filter(username__startswith="syn0").count() == 80
    assert report.classrooms == Classroom.objects.count() == 3  # classes of CLASS_SIZE
    assert Enrollment.objects.filter(classroom__name="Math 1").count() == CLASS_SIZE
    assert StudentTrace.objects.count() == 80
    assert report.states == MasteryState.objects.count() > 0
    with pytest.raises(SyntheticExists):
        seed_synthetic(students=1, responses=0, progress=lambda _: None)


def test_fewer_responses_than_students_leave_some_chunks_empty_and_do_not_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`seed-synthetic --students 100000 --responses 20000` (the system benchmark's 20k
    tier) crashed on a chunk of students with no response to write."""
    from learnloop.demo import synthetic_history

    monkeypatch.setattr(synthetic_history, "CHUNK_STUDENTS", 10)
    report = seed_synthetic(students=60, responses=8, seed=2, progress=lambda _: None)
    assert report.responses == Response.objects.count() == 8


def test_seeded_states_equal_a_rebuild_from_the_log() -> None:
    seed_synthetic(students=40, responses=3_000, seed=5, progress=lambda _: None)
    seeded = derived_state()
    assert any(card is not None for *_, card, _due, _at in seeded[0].values())
    call_command("rebuild_mastery", verbosity=0)
    rebuilt = derived_state()
    assert seeded[0].keys() == rebuilt[0].keys()
    assert seeded == rebuilt


def test_indexes_are_dropped_during_a_load_and_rebuilt_as_they_were() -> None:
    def indexes() -> dict[str, Any]:
        with connection.cursor() as cursor:
            found = connection.introspection.get_constraints(cursor, "learning_response")
        return {
            tuple(spec["columns"]): (spec["unique"], spec["index"])
            for spec in found.values()
            if (spec["index"] or spec["unique"]) and not spec["primary_key"]
        }

    before = indexes()
    with indexes_rebuilt_after("learning_response"):
        during = indexes()
        # SQLite keeps a unique constraint declared in CREATE TABLE (it cannot be dropped)
        assert set(during) <= {("student_id", "client_id")}
    assert indexes() == before
    assert ("student_id", "client_id") in before


def test_the_command_seeds_and_reports(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["seed-synthetic", "--students", "10", "--responses", "100"]) == 0
    assert "seeded 10 students, 1 classes, 100 responses" in capsys.readouterr().out
    assert main(["seed-synthetic", "--students", "10", "--responses", "100"]) == 1
    assert "already seeded" in capsys.readouterr().out
