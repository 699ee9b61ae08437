"""The outbox sent to a strict LRS on 127.0.0.1: batches, retries, dead letters."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from learnloop.learning.answering.service import record_response
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.testing.world import World
from learnloop.xapi.models import LrsConfig, OutboxStatement, OutboxStatus
from learnloop.xapi.outbox import take_answers
from learnloop.xapi.schema import statement_problems
from learnloop.xapi.services import (
    backoff,
    discard_dead_letter,
    flush_outbox,
    retry_dead_letter,
    save_lrs_config,
    send_due,
)
from learnloop.xapi.tests.lrs_server import LrsServer

pytestmark = pytest.mark.django_db


def configure(world: World, lrs: LrsServer, **changes: Any) -> LrsConfig:
    values: dict[str, Any] = {
        "school": world.school,
        "enabled": True,
        "endpoint": lrs.endpoint,
        "key_env": "TEST_LRS_KEY",
        "secret_env": "TEST_LRS_SECRET",
        "version": "1.0.3",
        "actor_kind": "account",
        "home_page": "https://test-school.example.org",
    }
    return save_lrs_config(**(values | changes))


def answers(world: World, lw: LearningWorld, count: int) -> None:
    """Answers, and their "answered" statements taken from the log into the outbox when
    the school has an LRS (the send job's first step, `outbox.take_answers`)."""
    for index in range(count):
        record_response(
            student=world.student, item_id=lw.items[index % 4].pk, client_id=uuid.uuid4(),
            answer="3",
        )  # fmt: skip
    config = LrsConfig.objects.filter(school=world.school).first()
    if config is not None:
        assert take_answers(config=config, now=timezone.now()) == count


def test_statements_reach_the_lrs_valid_and_once(
    world: World, lw: LearningWorld, lrs: LrsServer
) -> None:
    configure(world, lrs)
    answers(world, lw, 3)
    totals = flush_outbox()
    pending = OutboxStatement.objects.exclude(status=OutboxStatus.SENT)
    assert totals["sent"] == OutboxStatement.objects.count() >= 3 and not pending.exists()
    stored = lrs.state.statements
    assert set(stored) == {str(pk) for pk in OutboxStatement.objects.values_list("id", flat=True)}
    for statement in stored.values():
        assert statement_problems(statement) == []
        assert statement["actor"]["account"]["homePage"] == "https://test-school.example.org"
    answered = [s for s in stored.values() if s["verb"]["id"].endswith("/answered")]
    assert answered and all(s["context"]["contextActivities"]["other"] for s in answered)
    assert all(
        headers["x-experience-api-version"] == "1.0.3" for _, _, headers in lrs.state.requests
    )
    assert flush_outbox()["sent"] == 0  # nothing sent twice


def test_standards_are_named_by_their_case_uris(
    world: World, lw: LearningWorld, lrs: LrsServer
) -> None:
    configure(world, lrs)
    answers(world, lw, 1)
    flush_outbox()
    standard = lw.standards["6.RP.A.2"]
    uris = {
        activity["id"]
        for s in lrs.state.statements.values()
        for activity in s["context"].get("contextActivities", {}).get("other", [])
    }
    assert standard.uri and standard.uri in uris


def test_version_2_and_mbox_actors(world: World, lw: LearningWorld, lrs: LrsServer) -> None:
    configure(world, lrs, version="2.0.0", actor_kind="mbox", home_page="")
    answers(world, lw, 1)
    assert flush_outbox()["sent"] >= 1
    for statement in lrs.state.statements.values():
        assert statement["actor"]["mbox"] == f"mailto:{world.student.email}"
        assert statement["version"] == "2.0.0"
        assert statement_problems(statement, version="2.0.0") == []
    assert {h["x-experience-api-version"] for _, _, h in lrs.state.requests} == {"2.0.0"}


def test_an_lrs_down_for_a_day_loses_nothing(
    world: World, lw: LearningWorld, lrs: LrsServer
) -> None:
    configure(world, lrs)
    answers(world, lw, 5)
    total = OutboxStatement.objects.count()
    lrs.state.down = True
    now = timezone.now()
    tries = 0
    while now < timezone.now() + timedelta(days=1):
        report = send_due(config=LrsConfig.objects.get(school=world.school), now=now)
        tries += bool(report.retrying)
        now += timedelta(minutes=10)
    assert tries >= 20  # tried all day long, backing off to once an hour
    row = OutboxStatement.objects.first()
    assert row is not None and "503" in row.last_error and row.status == OutboxStatus.PENDING
    assert backoff(1) == timedelta(seconds=30) and backoff(20) == timedelta(hours=1)
    lrs.state.down = False
    flush_outbox(now=now + timedelta(hours=2))
    assert OutboxStatement.objects.filter(status=OutboxStatus.SENT).count() == total
    assert len(lrs.state.statements) == total


def test_wrong_credentials_wait_and_nothing_is_dropped(
    world: World, lw: LearningWorld, lrs: LrsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(world, lrs)
    answers(world, lw, 1)
    monkeypatch.setenv("TEST_LRS_SECRET", "wrong")
    totals = flush_outbox()
    assert totals["sent"] == 0 and totals["retrying"] >= 1
    assert "credentials (401)" in OutboxStatement.objects.first().last_error  # type: ignore[union-attr]
    monkeypatch.delenv("TEST_LRS_SECRET")
    flush_outbox(now=timezone.now() + timedelta(hours=1))
    assert "TEST_LRS_SECRET" in OutboxStatement.objects.first().last_error  # type: ignore[union-attr]


def test_a_conflicting_id_is_a_dead_letter_an_admin_can_retry_or_discard(
    world: World, lw: LearningWorld, lrs: LrsServer
) -> None:
    configure(world, lrs)
    answers(world, lw, 2)
    rows = list(OutboxStatement.objects.order_by("timestamp"))
    taken = str(rows[0].id)
    lrs.state.statements[taken] = {"id": taken, "actor": {}, "verb": {}, "object": {}}
    totals = flush_outbox()
    dead = OutboxStatement.objects.get(status=OutboxStatus.DEAD)
    assert str(dead.id) == taken and "409" in dead.last_error
    assert totals["sent"] == len(rows) - 1
    retry_dead_letter(statement=dead)
    assert OutboxStatement.objects.get(pk=dead.pk).status == OutboxStatus.PENDING
    flush_outbox()
    discard_dead_letter(statement=OutboxStatement.objects.get(pk=dead.pk))
    assert OutboxStatement.objects.get(pk=dead.pk).status == OutboxStatus.DISCARDED


def test_a_statement_that_cannot_be_rendered_is_a_dead_letter(
    world: World, lw: LearningWorld, lrs: LrsServer
) -> None:
    world.student.email = ""
    world.student.save(update_fields=["email"])
    configure(world, lrs, actor_kind="mbox")
    answers(world, lw, 1)
    flush_outbox()
    dead = OutboxStatement.objects.filter(status=OutboxStatus.DEAD)
    assert dead.exists() and "no e-mail address" in dead.first().last_error  # type: ignore[union-attr]
    assert lrs.state.statements == {}


def test_statements_of_a_school_without_an_lrs_are_not_kept(
    world: World, lw: LearningWorld
) -> None:
    from learnloop.goals.tests.factories import goal_of

    answers(world, lw, 1)  # its statements stay in the log: no LRS takes them
    goal_of(world)  # "goal-set": written at once
    assert OutboxStatement.objects.exists()
    assert flush_outbox()["dropped"] >= 1
    assert not OutboxStatement.objects.exists()


def test_a_switched_off_lrs_keeps_its_statements(
    world: World, lw: LearningWorld, lrs: LrsServer
) -> None:
    configure(world, lrs, enabled=False)
    answers(world, lw, 1)
    totals = flush_outbox()
    assert totals == {"sent": 0, "dead": 0, "retrying": 0, "dropped": 0}
    assert OutboxStatement.objects.filter(status=OutboxStatus.PENDING).exists()


def test_a_switched_off_lrs_leaves_its_answers_in_the_log(
    world: World, lw: LearningWorld, lrs: LrsServer
) -> None:
    config = configure(world, lrs, enabled=False)
    record_response(
        student=world.student, item_id=lw.items[0].pk, client_id=uuid.uuid4(), answer="3"
    )
    flush_outbox()
    assert LrsConfig.objects.get(pk=config.pk).answers_through == config.answers_through
    configure(world, lrs, enabled=True)
    flush_outbox()
    assert [s["verb"]["display"]["en-US"] for s in lrs.state.statements.values()].count(
        "answered"
    ) == 1


def test_the_send_job_is_kept_enqueued_while_answers_wait_in_the_log(
    world: World, lw: LearningWorld, lrs: LrsServer
) -> None:
    from learnloop.xapi.tasks import periodic_jobs, send_xapi_statements

    configure(world, lrs)
    flush_outbox()
    assert periodic_jobs() == []
    result = record_response(
        student=world.student, item_id=lw.items[0].pk, client_id=uuid.uuid4(), answer="3"
    )
    assert not OutboxStatement.objects.exists()  # only the answer itself is left to send
    assert [periodic.job for periodic in periodic_jobs()] == [send_xapi_statements]
    # its "answered" and the levels its first answer moved, all taken from the log
    assert flush_outbox()["sent"] == 1 + len(result.response.level_moves or ())
    assert periodic_jobs() == []


def test_a_session_end_and_level_changes_reach_the_lrs_after_their_answers(
    world: World, lw: LearningWorld, lrs: LrsServer
) -> None:
    """The page's answers write no statement; the send job takes each one's "answered",
    the levels it moved and the session it ended from the rows, and sends "answered"
    before any statement the same answer made (ADR 0017)."""
    from learnloop.engine.levels import Level
    from learnloop.learning.models import PracticeSession, Response
    from learnloop.learning.tests.fixtures import client_for, open_session, practice_url
    from learnloop.xapi.outbox import statement_id

    configure(world, lrs)
    lw.practice.extra = {"practice": {"target": "items", "items": 4}}
    lw.practice.save(update_fields=["extra"])
    client = client_for(world.student)
    for _ in range(4):
        client.get(practice_url(lw))
        session = open_session(world)
        kind = session.current_item.kind
        post = {
            "item_id": session.current_item_id, "client_id": session.current_client_id,
            "answer": "a" if kind == "single_choice" else "3", "kind": kind,
        }  # fmt: skip
        assert client.post(practice_url(lw), post).status_code == 200
    assert not OutboxStatement.objects.exists()  # nothing written by the answers
    session = PracticeSession.objects.get(student=world.student)
    assert session.end_reason == "items_done" and session.ended_by_id is not None
    responses = list(Response.objects.filter(student=world.student).order_by("id"))
    moves = [(r.pk, s, level) for r in responses for s, level in r.level_moves or ()]
    assert moves  # right answers from "not started" move a level
    totals = flush_outbox()
    assert totals["sent"] == len(responses) + len(moves) + 1 and totals["dead"] == 0
    sent = list(lrs.state.statements.values())  # in the order the LRS received them
    for statement in sent:
        assert statement_problems(statement) == []
    completed = lrs.state.statements[str(statement_id(session.ended_by_id, "completed"))]
    assert completed["verb"]["display"]["en-US"] == "completed"
    assert completed["object"]["id"].endswith(f"/activities/{lw.practice.pk}")
    assert completed["result"]["completion"] is True
    assert completed["result"]["score"]["scaled"] == 1.0
    for response_id, standard_id, level in moves:
        moved = lrs.state.statements[str(statement_id(response_id, f"levels/{standard_id}"))]
        verb = "mastered" if level == Level.MASTERED else "progressed"
        assert moved["verb"]["display"]["en-US"] == verb
        assert list(moved["result"]["extensions"].values()) == [Level(level).label]
    position = {statement["id"]: index for index, statement in enumerate(sent)}
    for response in responses:
        answered = position[str(statement_id(response.pk))]
        made = [
            position[str(statement_id(response.pk, f"levels/{s}"))]
            for s, _ in response.level_moves or ()
        ]
        if response.pk == session.ended_by_id:
            made.append(position[str(statement_id(response.pk, "completed"))])
        assert all(answered < later for later in made), (response.pk, answered, made)
