"""A synced batch of answers (`answering.batch`, POST /learn/api/answers/batch): stored
once in client-time order, mastery as if answered one by one, each conflict refused or
flagged as docs/learning.md defines, and a statement count that does not grow with it."""

from __future__ import annotations

import threading
import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learnloop.accounts.models import User
from learnloop.content.grading import GradeResult
from learnloop.content.models import Item, Status
from learnloop.engine.levels import Level
from learnloop.learning.answering import batch
from learnloop.learning.answering.access import Answerable
from learnloop.learning.answering.batch import answer_batch
from learnloop.learning.answering.batch_parsing import MAX_BATCH, batch_from_json
from learnloop.learning.answering.parsing import AnswerError, AnswerSubmission
from learnloop.learning.answering.service import record_response
from learnloop.learning.engine_state import next_review
from learnloop.learning.models import MasteryState, Response
from learnloop.learning.tests.fixtures import LearningWorld, learning_world
from learnloop.learning.tests.test_views import outbox_writes
from learnloop.schools.models import Enrollment
from learnloop.schools.services import enroll_student
from learnloop.testing.world import World, build_world

pytestmark = pytest.mark.django_db

URL = "/learn/api/answers/batch"


def _entry(lw: LearningWorld, when: datetime, *, index: int = 0, answer: Any = "3") -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "item": lw.items[index % 4].pk,
        "answer": answer,
        "client_time": when.isoformat(),
        "activity": lw.practice.pk,
    }


def _sync(student: User, entries: list[dict], now: datetime | None = None) -> Any:
    fresh = User.objects.get(pk=student.pk)  # no per-request caches carried over
    return answer_batch(student=fresh, answers=batch_from_json({"answers": entries}), now=now)


def _states(student: User) -> dict[int, tuple[float, int, int]]:
    return {
        s.standard_id: (round(s.mastery, 9), s.attempts, s.successes)
        for s in MasteryState.objects.filter(student=student)
    }


def test_a_batch_is_stored_in_client_time_order_at_the_clients_times(
    world: World, lw: LearningWorld
) -> None:
    now = timezone.now()
    times = [now - timedelta(minutes=m) for m in (5, 30, 10)]
    entries = [_entry(lw, when, index=i) for i, when in enumerate(times)]
    entries[1]["answer"] = "4"
    outcome = _sync(world.student, entries, now)
    assert [r.status for r in outcome.results] == ["stored"] * 3  # in the order sent
    assert [r.client_id for r in outcome.results] == [uuid.UUID(e["client_id"]) for e in entries]
    assert [r.grade.correct for r in outcome.results] == [True, False, True]
    stored = list(Response.objects.filter(student=world.student).order_by("pk"))
    assert [r.created_at for r in stored] == sorted(times)  # inserted oldest first
    assert {r.received_at for r in stored} == {now}
    assert outcome.board and outcome.updates


def test_mastery_after_a_batch_is_mastery_after_the_same_answers_one_by_one(
    world: World, lw: LearningWorld
) -> None:
    now = timezone.now()
    answers = ["3", "4", "3", "3", "5", "3", "3"]
    times = [now - timedelta(minutes=60 - 7 * i) for i in range(len(answers))]
    enroll_student(classroom=world.classroom, student=world.other_student)
    for when, answer in zip(times, answers, strict=True):
        record_response(
            student=world.other_student,
            item_id=lw.items[0].pk,
            client_id=uuid.uuid4(),
            answer=answer,
            activity=lw.practice.pk,
            now=when,
        )
    shuffled = list(zip(times, answers, strict=True))[::-1]  # sent newest first
    entries = [_entry(lw, when, answer=answer) for when, answer in shuffled]
    outcome = _sync(world.student, entries, now)
    assert all(r.status == "stored" for r in outcome.results)
    assert _states(world.student) == _states(world.other_student)
    (update,) = outcome.updates
    assert update.skill.attempts == len(answers)


def _review_rows(student: User) -> dict[int, tuple[Any, ...]]:
    return {
        s.standard_id: (s.review_card, s.review_due_at, s.level, s.combined_level, s.attempts)
        for s in MasteryState.objects.filter(student=student)
    }


def test_a_review_card_begun_and_continued_by_batches_is_the_one_by_one_card(
    world: World, lw: LearningWorld
) -> None:
    """The card is replayed once per standard at the end of a batch: the same card and
    due time as one review per answer, both when the standard becomes proficient within
    the batch (the card starts there) and when a later batch continues a stored card."""
    now = timezone.now()
    first = ["3", "3", "4", "3", "3", "3", "3", "3", "3", "3", "3", "3"]
    second = ["3", "4", "3", "3"]
    times = [now - timedelta(hours=36 * (16 - i)) for i in range(len(first) + len(second))]
    enroll_student(classroom=world.classroom, student=world.other_student)
    card: dict[str, Any] | None = None
    for when, answer in zip(times, first + second, strict=True):
        record_response(
            student=world.other_student,
            item_id=lw.items[0].pk,
            client_id=uuid.uuid4(),
            answer=answer,
            activity=lw.practice.pk,
            now=when,
        )
        (row,) = MasteryState.objects.filter(student=world.other_student)
        card, due = next_review(card, Level(row.level), answer == "3", when)  # per answer
        assert (row.review_card, row.review_due_at) == (card, due)
    runs = [(times[: len(first)], first), (times[len(first) :], second)]
    for batch_times, batch_answers in runs:
        entries = [
            _entry(lw, when, answer=a) for when, a in zip(batch_times, batch_answers, strict=True)
        ]
        outcome = _sync(world.student, entries, now)
        assert all(r.status == "stored" for r in outcome.results)
    by_batch = _review_rows(world.student)
    assert by_batch == _review_rows(world.other_student)
    assert all(card is not None for card, *_ in by_batch.values())  # proficient in batch 1


def test_stored_rows_read_back_through_the_orm_as_given(world: World, lw: LearningWorld) -> None:
    """The batch's statement converts values itself (UUIDs, JSON, datetimes): what the
    ORM reads back is what was sent, on either database."""
    now = timezone.now()
    typed = {**_entry(lw, now - timedelta(minutes=3), index=0), "answer": "3", "hints_used": 2}
    chosen = {**_entry(lw, now - timedelta(minutes=2)), "item": lw.items[4].pk, "answer": ["a"]}
    none = {**_entry(lw, now - timedelta(minutes=1)), "answer": None}
    outcome = _sync(world.student, [typed, chosen, none], now)
    assert [r.status for r in outcome.results] == ["stored", "stored", "refused"]
    rows = {str(r.client_id): r for r in Response.objects.filter(student=world.student)}
    first, second = rows[typed["client_id"]], rows[chosen["client_id"]]
    standard = lw.standards["6.RP.A.2"].pk
    assert (first.answer, first.standard_ids, first.hints_used) == ("3", [standard], 2)
    assert (second.answer, second.correct, second.item_id) == (["a"], True, lw.items[4].pk)
    assert first.created_at == now - timedelta(minutes=3) and first.received_at == now
    assert none["client_id"] not in rows


def test_a_batch_stores_hints_and_seconds_clamped_as_a_single_answer(
    world: World, lw: LearningWorld
) -> None:
    """Both paths store through `stored_hints`/`stored_seconds`: a batch cannot store
    what a single answer could not (1,000 hints, a week on one item)."""
    now = timezone.now()
    odd = {**_entry(lw, now - timedelta(minutes=1)), "hints_used": 1_000, "seconds": 10**7}
    single_key = uuid.uuid4()
    assert _sync(world.student, [odd], now).results[0].status == "stored"
    record_response(
        student=User.objects.get(pk=world.student.pk),
        item_id=lw.items[1].pk,
        client_id=single_key,
        answer="3",
        hints_used=1_000,
        seconds=10**7,
        activity=lw.practice.pk,
    )
    rows = Response.objects.filter(student=world.student)
    batch_row = rows.get(client_id=odd["client_id"])
    single_row = rows.get(client_id=single_key)
    assert (batch_row.hints_used, batch_row.seconds) == (20, 30 * 60)
    assert (batch_row.hints_used, batch_row.seconds) == (single_row.hints_used, single_row.seconds)


def test_a_repeated_batch_changes_nothing(world: World, lw: LearningWorld) -> None:
    now = timezone.now()
    entries = [_entry(lw, now - timedelta(minutes=i), index=i) for i in range(6)]
    _sync(world.student, entries, now)
    responses, states = Response.objects.count(), _states(world.student)
    again = _sync(world.student, entries, now + timedelta(minutes=1))
    assert [r.status for r in again.results] == ["duplicate"] * 6
    assert all(r.grade is None for r in again.results)
    assert (Response.objects.count(), _states(world.student)) == (responses, states)


def test_the_same_client_id_twice_in_one_batch_counts_once(world: World, lw: LearningWorld) -> None:
    now = timezone.now()
    entry = _entry(lw, now - timedelta(minutes=2))
    outcome = _sync(world.student, [entry, {**entry, "client_time": now.isoformat()}], now)
    assert [r.status for r in outcome.results] == ["stored", "duplicate"]
    assert Response.objects.filter(student=world.student).count() == 1


def test_statements_do_not_grow_with_the_batch(world: World, lw: LearningWorld) -> None:
    now = timezone.now()
    _sync(world.student, [_entry(lw, now - timedelta(hours=1))], now)  # rows exist, caches warm

    def batch(size: int) -> list[dict]:
        entries = [_entry(lw, now - timedelta(seconds=size - i), index=i) for i in range(size)]
        for i, entry in enumerate(entries):  # the browser's marks, some regraded: no more SQL
            entry["client_correct"] = [True, False, None][i % 3]
        return entries

    counts = []
    for size in (5, 200):
        entries = batch(size)
        with CaptureQueriesContext(connection) as captured:
            outcome = _sync(world.student, entries, now)
        assert [r.status for r in outcome.results] == ["stored"] * size
        # the outbox INSERT of the batch's level changes, when a level moved (ADR 0017:
        # the answers themselves are taken from the log later)
        events = outbox_writes(captured)
        assert events <= 1
        counts.append(len(captured) - events)
    assert counts[0] == counts[1], [q["sql"][:100] for q in captured.captured_queries]
    assert counts[0] <= 21, [q["sql"][:90] for q in captured.captured_queries]


def test_conflicts_are_refused_or_flagged_per_answer(world: World, lw: LearningWorld) -> None:
    now = timezone.now()
    Item.objects.update(updated_at=now - timedelta(days=3))  # the pack was made after this
    retired, changed = lw.items[1], lw.items[2]
    entries = {
        "fine": _entry(lw, now - timedelta(hours=2), index=0),
        "retired": _entry(lw, now - timedelta(hours=2), index=1),
        "changed": _entry(lw, now - timedelta(hours=2), index=2),
        "ahead": _entry(lw, now + timedelta(minutes=6), index=0),
        "slightly_ahead": _entry(lw, now + timedelta(minutes=4), index=0),
        "behind": _entry(lw, now - timedelta(days=31), index=0),
        "naive": {**_entry(lw, now, index=0), "client_time": "2026-12-06T09:30:00"},
        "invalid": _entry(lw, now - timedelta(hours=1), index=3, answer="three"),
    }
    Item.objects.filter(pk=retired.pk).update(status=Status.DRAFT)
    changed.stem = "<p>Edited after the pack was made.</p>"
    changed.save()
    outcome = _sync(world.student, list(entries.values()), now)
    got = {
        name: (r.status, r.reason, r.flags)
        for name, r in zip(entries, outcome.results, strict=True)
    }
    assert got == {
        "fine": ("stored", None, ()),
        "retired": ("refused", "item_retired", ()),
        "changed": ("stored", None, ("item_changed",)),
        "ahead": ("stored", None, ("clock_adjusted",)),
        "slightly_ahead": ("stored", None, ()),
        "behind": ("refused", "clock_behind", ()),
        "naive": ("refused", "no_time_zone", ()),
        "invalid": ("refused", "invalid_answer", ()),
    }
    assert all(r.message for r in outcome.results if r.status == "refused")
    by_key = {str(r.client_id): r for r in Response.objects.filter(student=world.student)}
    assert by_key[entries["ahead"]["client_id"]].created_at == now  # stored at receipt
    assert by_key[entries["slightly_ahead"]["client_id"]].created_at == now  # never ahead
    assert len(by_key) == 4


def test_a_closed_activity_and_a_class_left_are_refused(world: World, lw: LearningWorld) -> None:
    now = timezone.now()
    lesson_entry = {**_entry(lw, now - timedelta(minutes=1)), "activity": lw.lesson.pk}
    type(lw.lesson).objects.filter(pk=lw.lesson.pk).update(status=Status.DRAFT)
    outcome = _sync(world.student, [lesson_entry], now)
    assert (outcome.results[0].status, outcome.results[0].reason) == ("refused", "activity_closed")
    Enrollment.objects.filter(student=world.student).delete()
    enroll_student(classroom=world.other_classroom, student=world.student)
    moved = _sync(world.student, [_entry(lw, now - timedelta(minutes=1))], now)
    assert (moved.results[0].status, moved.results[0].reason) == ("refused", "not_in_class")
    assert not Response.objects.filter(student=world.student).exists()


def test_an_answer_refused_now_but_stored_before_is_a_duplicate(
    world: World, lw: LearningWorld
) -> None:
    now = timezone.now()
    entry = _entry(lw, now - timedelta(minutes=3), index=1)
    _sync(world.student, [entry], now)
    Item.objects.filter(pk=lw.items[1].pk).update(status=Status.DRAFT)
    again = _sync(world.student, [entry], now)
    assert (again.results[0].status, again.results[0].reason) == ("duplicate", None)


def test_an_older_offline_answer_after_newer_online_ones_is_credited(
    world: World, lw: LearningWorld
) -> None:
    now = timezone.now()
    for minutes in (3, 2, 1):  # proficient enough online for a review card to exist
        record_response(
            student=world.student,
            item_id=lw.items[0].pk,
            client_id=uuid.uuid4(),
            answer="3",
            now=now - timedelta(minutes=minutes),
        )
    outcome = _sync(world.student, [_entry(lw, now - timedelta(days=2))], now)
    assert outcome.results[0].status == "stored"
    assert _states(world.student)[lw.standards["6.RP.A.2"].pk][1] == 4


# --- the endpoint --------------------------------------------------------------------


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_endpoint_answers_per_answer_with_the_board(world: World, lw: LearningWorld) -> None:
    now = timezone.now()
    entries = [_entry(lw, now - timedelta(minutes=1)), _entry(lw, now, answer="9")]
    client = _client(world.student)
    response = client.post(URL, {"answers": entries}, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert [(r["status"], r["correct"]) for r in body["results"]] == [
        ("stored", True),
        ("stored", False),
    ]
    assert body["board"] and body["mastery"][0]["standard_id"] == lw.standards["6.RP.A.2"].pk
    status = client.get("/learn/api/sync-status").json()
    assert status["answers"] == 2
    assert datetime.fromisoformat(status["last_client_time"]) == now


def test_the_server_regrades_and_a_disagreement_is_flagged_logged_and_counted(
    world: World, lw: LearningWorld, caplog: pytest.LogCaptureFixture
) -> None:
    now = timezone.now()
    agreed = {**_entry(lw, now - timedelta(minutes=3)), "client_correct": True}
    too_kind = {**_entry(lw, now - timedelta(minutes=2), answer="-41.5"), "client_correct": True}
    deferred = {**_entry(lw, now - timedelta(minutes=1)), "client_correct": None}
    client = _client(world.student)
    with caplog.at_level("WARNING", logger="learnloop.sync"):
        response = client.post(
            URL, {"answers": [agreed, too_kind, deferred]}, content_type="application/json"
        )
    results = response.json()["results"]
    assert [(r["correct"], "regraded" in r["flags"]) for r in results] == [
        (True, False),
        (False, True),  # the server's mark stands
        (True, False),
    ]
    (record,) = [r for r in caplog.records if r.name == "learnloop.sync"]
    message = record.getMessage()
    assert record.levelname == "WARNING" and too_kind["client_id"] in message
    assert f"student {world.student.pk} item {lw.items[0].pk}" in message
    assert "-41.5" not in message  # no answer text (no id holds a ".")
    stored = {str(r.client_id): (r.correct, r.client_correct) for r in Response.objects.all()}
    assert stored == {
        agreed["client_id"]: (True, True),
        too_kind["client_id"]: (False, True),
        deferred["client_id"]: (True, None),
    }
    caplog.clear()
    repeat = client.post(URL, {"answers": [too_kind]}, content_type="application/json")
    (again,) = repeat.json()["results"]
    assert again["status"] == "duplicate" and "regraded" not in again["flags"]  # compared once
    assert not [r for r in caplog.records if r.name == "learnloop.sync"]  # logged once


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ([], "body"),
        ({}, "answers"),
        ({"answers": {}}, "answers"),
        ({"answers": ["x"]}, "answers[0]"),
        ({"answers": [{"client_id": "x"}]}, "answers[0].item"),
        ("bad-client-id", "answers[1].client_id"),
        ("bad-time", "answers[1].client_time"),
        ("bool-item", "answers[1].item"),
        ("bad-activity", "answers[1].activity"),
        ("bad-client-correct", "answers[1].client_correct"),
        ("long-choice", "answers[1].answer"),
        ("too-many", "answers"),
    ],
)
def test_an_unreadable_batch_is_a_400_naming_the_field_and_stores_nothing(
    world: World, lw: LearningWorld, body: Any, field: str
) -> None:
    now = timezone.now()
    good = _entry(lw, now)
    second = _entry(lw, now)
    broken = {
        "bad-client-id": {**second, "client_id": "not-a-uuid"},
        "bad-time": {**second, "client_time": "yesterday"},
        "bool-item": {**second, "item": True},
        "bad-activity": {**second, "activity": "x"},
        "bad-client-correct": {**second, "client_correct": "yes"},
        "long-choice": {**second, "answer": ["a" * 101]},  # openapi: maxLength 100
    }
    if body == "too-many":
        body = {"answers": [good] * (MAX_BATCH + 1)}
    elif isinstance(body, str):
        body = {"answers": [good, broken[body]]}
    response = _client(world.student).post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()
    assert not Response.objects.exists()


def test_a_full_batch_of_typical_answers_fits_the_json_body_limit(
    world: World, lw: LearningWorld
) -> None:
    now = timezone.now()
    entries = [
        {**_entry(lw, now - timedelta(seconds=MAX_BATCH - i), index=i), "seconds": 42}
        for i in range(MAX_BATCH)
    ]
    response = _client(world.student).post(
        URL, {"answers": entries}, content_type="application/json"
    )
    assert response.status_code == 200, response.content[:200]
    assert {r["status"] for r in response.json()["results"]} == {"stored"}
    assert Response.objects.filter(student=world.student).count() == MAX_BATCH


def test_only_students_sync(world: World, lw: LearningWorld) -> None:
    body = {"answers": [_entry(lw, timezone.now())]}
    response = _client(world.teacher).post(URL, body, content_type="application/json")
    assert response.status_code == 403
    assert not Response.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_overlapping_batches_at_once_store_each_answer_once() -> None:
    """Two devices' retries racing: the same answers in two batches at the same moment,
    one of them listed backwards, all with one client time. Each answer is stored and
    credited once and neither request fails. (Both insert in client-time order, ties by
    client id, so they take the keys in one order; the window for a lock-order deadlock
    is too short for this test to hit reliably, so it guards the outcome, not the order.)"""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the race is PostgreSQL's")
    world = build_world()
    lw = learning_world(world)
    now = timezone.now()
    same_minute = now - timedelta(minutes=1)  # ties: the order is the client ids'
    entries = [_entry(lw, same_minute, index=i) for i in range(20)]
    batches = [entries[:15], entries[5:][::-1]]
    start = threading.Barrier(len(batches))
    outcomes: list[Any] = []
    failures: list[BaseException] = []

    def sync(batch: list[dict]) -> None:
        try:
            start.wait()
            outcomes.append(_sync(world.student, batch, now))
        except BaseException as error:  # reported below, in the test's thread
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sync, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    stored = [r.client_id for o in outcomes for r in o.results if r.status == "stored"]
    assert sorted(map(str, stored)) == sorted(e["client_id"] for e in entries)
    assert Response.objects.filter(student=world.student).count() == len(entries)
    assert _states(world.student)[lw.standards["6.RP.A.2"].pk][1] == len(entries)


# --- the one-answer fallback carries the device's time ------------------------------

ONE_URL = "/learn/api/responses"


def _one(lw: LearningWorld, when: datetime | str, *, index: int = 0, answer: Any = "3") -> dict:
    """The body the offline queue sends one by one where a server has no batch endpoint."""
    return {
        "client_id": str(uuid.uuid4()),
        "item_id": lw.items[index % 4].pk,
        "answer": answer,
        "activity_id": lw.practice.pk,
        "client_time": when if isinstance(when, str) else when.isoformat(),
    }


def test_one_answer_with_its_client_time_is_stored_at_that_time(
    world: World, lw: LearningWorld
) -> None:
    client = _client(world.student)
    when = timezone.now() - timedelta(hours=3)
    Item.objects.update(updated_at=when - timedelta(days=1))  # the pack was made after this
    body = _one(lw, when)
    response = client.post(ONE_URL, body, content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["correct"], data["duplicate"], data["flags"]) == (True, False, [])
    assert (data["attempt"], data["may_try_again"]) == (1, False)  # the answer API's shape
    assert data["board"] and data["mastery"]
    stored = Response.objects.get(student=world.student, client_id=body["client_id"])
    assert stored.pk == data["response_id"]
    assert stored.created_at == when  # the device's time, not the server's
    assert stored.received_at is not None and stored.received_at > when
    again = client.post(ONE_URL, body, content_type="application/json")
    assert again.status_code == 200
    assert (again.json()["duplicate"], again.json()["response_id"]) == (True, stored.pk)
    assert Response.objects.filter(student=world.student).count() == 1


def test_a_second_try_is_not_sent_with_a_client_time(world: World, lw: LearningWorld) -> None:
    client = _client(world.student)
    body = {**_one(lw, timezone.now()), "retry_of": str(uuid.uuid4())}
    response = client.post(ONE_URL, body, content_type="application/json")
    assert response.status_code == 400
    assert "retry_of" in response.json()["errors"]
    assert not Response.objects.filter(student=world.student).exists()


@pytest.mark.parametrize(
    ("when", "field"),
    [
        (timedelta(days=31), "client_time"),  # more than 30 days behind
        ("2026-12-06T09:30:00", "client_time"),  # no time zone
    ],
)
def test_one_answer_with_a_clock_out_of_bounds_is_refused_naming_client_time(
    world: World, lw: LearningWorld, when: timedelta | str, field: str
) -> None:
    sent = timezone.now() - when if isinstance(when, timedelta) else when
    response = _client(world.student).post(ONE_URL, _one(lw, sent), content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert not Response.objects.filter(student=world.student).exists()


def test_one_answer_from_a_clock_ahead_is_stored_at_receipt_and_flagged(
    world: World, lw: LearningWorld
) -> None:
    before = timezone.now()
    body = _one(lw, before + timedelta(hours=2))
    response = _client(world.student).post(ONE_URL, body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["flags"] == ["clock_adjusted"]
    stored = Response.objects.get(student=world.student, client_id=body["client_id"])
    assert before <= stored.created_at <= timezone.now()  # at receipt, never in the future
    assert stored.created_at == stored.received_at


def test_one_timed_answer_is_refused_as_online_and_its_browser_mark_compared(
    world: World, lw: LearningWorld
) -> None:
    client = _client(world.student)
    now = timezone.now()
    Item.objects.filter(pk=lw.items[1].pk).update(status=Status.DRAFT)
    retired = client.post(ONE_URL, _one(lw, now, index=1), content_type="application/json")
    assert (retired.status_code, list(retired.json()["errors"])) == (404, ["item_id"])
    unreadable = client.post(
        ONE_URL, {**_one(lw, now), "client_time": "yesterday"}, content_type="application/json"
    )
    assert (unreadable.status_code, list(unreadable.json()["errors"])) == (400, ["client_time"])
    marked = {**_one(lw, now, answer="4"), "client_correct": True}
    response = client.post(ONE_URL, marked, content_type="application/json")
    assert response.status_code == 201
    assert (response.json()["correct"], response.json()["flags"]) == (False, ["regraded"])
    stored = Response.objects.get(student=world.student, client_id=marked["client_id"])
    assert (stored.correct, stored.client_correct) == (False, True)


def test_one_answer_without_client_time_is_given_now_as_before(
    world: World, lw: LearningWorld
) -> None:
    body = _one(lw, timezone.now())
    del body["client_time"]
    before = timezone.now()
    response = _client(world.student).post(ONE_URL, body, content_type="application/json")
    assert response.status_code == 201 and "flags" not in response.json()
    stored = Response.objects.get(student=world.student, client_id=body["client_id"])
    assert stored.created_at >= before and stored.received_at is None


def test_a_browser_mark_that_is_no_boolean_is_refused_with_or_without_a_time(
    world: World, lw: LearningWorld
) -> None:
    client = _client(world.student)
    body = {**_one(lw, timezone.now()), "client_correct": 3}
    for sent in (body, {k: v for k, v in body.items() if k != "client_time"}):
        response = client.post(ONE_URL, sent, content_type="application/json")
        assert (response.status_code, list(response.json()["errors"])) == (400, ["client_correct"])
    assert not Response.objects.filter(student=world.student).exists()


def test_a_batch_grades_each_distinct_item_and_answer_once_a_drawn_item_per_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Grading is pure in (item, answer) except for a variabilized item, whose instance
    each client id draws: repeats are graded once, a drawn item's answers each."""
    graded: list[tuple[int, Any]] = []

    def grade(student_id: int, answerable: Any, submission: Any) -> Any:
        graded.append((answerable.item.pk, submission.answer))
        if submission.answer == "x":
            raise AnswerError("answer", "not a number")
        return GradeResult(submission.answer == "3", 1.0, "", None), ()

    monkeypatch.setattr(batch, "grade_answer", grade)
    plain = Answerable(Item(pk=1, kind="numeric"), {}, None)
    drawn = Answerable(
        Item(pk=2, kind="numeric", extra={"oatutor": {"template": {"rows": 3}}}), {}, None
    )
    grades = batch._Grades(student_id=7)

    def submitted(answer: Any) -> AnswerSubmission:
        return AnswerSubmission(item_id=1, client_id=uuid.uuid4(), answer=answer)

    results = [grades.grade(plain, submitted(a)) for a in ("3", "3", "4", 3, ["3"], ["3"])]
    assert [r.correct for r in results] == [True, True, False, False, False, False]
    assert graded == [(1, "3"), (1, "4"), (1, 3), (1, ["3"])]  # "3" and 3 are not one
    for _ in range(2):
        with pytest.raises(AnswerError):
            grades.grade(plain, submitted("x"))
    assert graded.count((1, "x")) == 1
    for _ in range(3):
        grades.grade(drawn, submitted("3"))
    assert graded.count((2, "3")) == 3
