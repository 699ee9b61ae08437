"""The student's pages through Django's test client: practice, feedback, board, API."""

from __future__ import annotations

import html
import json
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from learnloop.learning.models import PracticeSession, Response
from learnloop.learning.tests.fixtures import LearningWorld, client_for, open_session, practice_url
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def test_reload_shows_the_same_item_and_a_resubmission_counts_once(
    world: World, lw: LearningWorld
) -> None:
    client = client_for(world.student)
    first = client.get(practice_url(lw)).content.decode()
    session = open_session(world)
    assert client.get(practice_url(lw)).content.decode().count(str(session.current_client_id)) == 1
    assert str(session.current_client_id) in first
    post = {
        "item_id": session.current_item_id,
        "client_id": session.current_client_id,
        "answer": "3",
        "kind": "numeric",
    }
    if session.current_item.kind == "single_choice":
        post |= {"answer": "a", "kind": "single_choice"}
    body = client.post(practice_url(lw), post).content.decode()
    assert "Correct!" in body and "Next question" in body
    again = client.post(practice_url(lw), post).content.decode()
    assert "Correct!" in again
    assert Response.objects.count() == 1
    assert open_session(world).answered == 1


def test_an_unreadable_answer_is_explained_on_the_same_item(
    world: World, lw: LearningWorld
) -> None:
    client = client_for(world.student)
    client.get(practice_url(lw))
    session = open_session(world)
    post = {
        "item_id": session.current_item_id,
        "client_id": session.current_client_id,
        "answer": "",
        "kind": "numeric",
    }
    response = client.post(practice_url(lw), post)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not Response.objects.exists()


def test_the_refusal_is_in_the_students_language(world: World, lw: LearningWorld) -> None:
    world.student.language = "es"
    world.student.save(update_fields=["language"])
    client = client_for(world.student)
    client.get(practice_url(lw))
    session = open_session(world)
    post = {
        "item_id": session.current_item_id,
        "client_id": session.current_client_id,
        "answer": "",
    }
    page = html.unescape(client.post(practice_url(lw), post).content.decode())
    refusals = ["Please type an answer.", "Please type a number.", "Please choose an answer."]
    with translation.override("es"):
        spanish = [translation.gettext(text) for text in refusals]
    assert set(spanish).isdisjoint(refusals)
    assert any(text in page for text in spanish)
    assert not any(text in page for text in refusals)


def test_hints_are_revealed_one_at_a_time_and_recorded(world: World, lw: LearningWorld) -> None:
    client = client_for(world.student)
    client.get(practice_url(lw))
    session = open_session(world)
    client.post(f"/learn/practice/{session.pk}/hint/")
    assert "Hint 1:" in client.get(practice_url(lw)).content.decode()
    session.refresh_from_db()
    item = session.current_item
    answer = "a" if item.kind == "single_choice" else "3"
    client.post(
        practice_url(lw),
        {
            "item_id": item.pk,
            "client_id": session.current_client_id,
            "answer": answer,
            "kind": item.kind,
        },
    )
    assert Response.objects.get().hints_used == 1


def test_my_learning_shows_map_board_and_reasons(world: World, lw: LearningWorld) -> None:
    body = html.unescape(client_for(world.student).get("/").content.decode())
    assert "My mastery map" in body and "6.RP.A.2" in body
    assert "What's next?" in body
    assert "A stretch: 6.RP.A.2 builds on 6.RP.A.1, which you're still learning." in body


def test_the_board_after_an_answer_says_how_close(world: World, lw: LearningWorld) -> None:
    client = client_for(world.student)
    for _ in range(3):
        client.get(practice_url(lw))
        session = open_session(world)
        item = session.current_item
        answer = "a" if item.kind == "single_choice" else "3"
        body = client.post(
            practice_url(lw),
            {
                "item_id": item.pk,
                "client_id": session.current_client_id,
                "answer": answer,
                "kind": item.kind,
            },
        ).content.decode()
    body = html.unescape(body)
    assert "You're close on 6.RP.A.2" in body or "Keep building 6.RP.A.2" in body


def test_mistakes_page_shows_wrong_answers_with_solutions(world: World, lw: LearningWorld) -> None:
    client = client_for(world.student)
    client.post(
        "/learn/api/responses",
        {"client_id": str(uuid.uuid4()), "item_id": lw.items[0].pk, "answer": "5"},
        content_type="application/json",
    )
    body = client.get("/learn/mistakes/").content.decode()
    assert "You answered:" in body and "5" in body and "Worked solution" in body
    assert "content/math.css" in body  # stems and solutions are typeset like on the practice page


def test_api_errors_name_the_field(world: World, lw: LearningWorld) -> None:
    client = client_for(world.student)
    bad = client.post("/learn/api/responses", "{not json", content_type="application/json")
    assert bad.status_code == 400 and "body" in bad.json()["errors"]
    missing = client.post(
        "/learn/api/responses", {"item_id": lw.items[0].pk}, content_type="application/json"
    )
    assert "client_id" in missing.json()["errors"]
    negative = client.post(
        "/learn/api/responses",
        {"client_id": str(uuid.uuid4()), "item_id": lw.items[0].pk, "answer": "3", "seconds": -4},
        content_type="application/json",
    )
    assert negative.json() == {"errors": {"seconds": "must be a whole number from 0 to 10000000"}}
    huge = client.post(
        "/learn/api/responses",
        {"client_id": str(uuid.uuid4()), "item_id": 2**64, "answer": "3", "activity_id": 2**64},
        content_type="application/json",
    )
    assert huge.status_code == 400 and list(huge.json()["errors"]) == ["item_id"]


def test_api_is_idempotent(world: World, lw: LearningWorld) -> None:
    client = client_for(world.student)
    payload = json.dumps({"client_id": str(uuid.uuid4()), "item_id": lw.items[0].pk, "answer": "3"})
    first = client.post("/learn/api/responses", payload, content_type="application/json")
    second = client.post("/learn/api/responses", payload, content_type="application/json")
    assert first.status_code == 201 and second.status_code == 200
    assert (
        second.json()["duplicate"] and second.json()["response_id"] == first.json()["response_id"]
    )
    assert first.json()["board"]


def test_browse_filters_by_kind(world: World, lw: LearningWorld) -> None:
    body = client_for(world.student).get("/learn/activities/?kind=lesson").content.decode()
    assert "What is a unit rate?" in body and "Unit rates practice" not in body


def test_interests_steer_the_board_and_unknown_ones_are_refused(
    world: World, lw: LearningWorld
) -> None:
    from learnloop.content.models import Activity

    Activity.objects.filter(pk=lw.lesson.pk).update(interest_tags=["sports"])
    client = client_for(world.student)
    assert "Sports" in client.get("/learn/interests/").content.decode()
    refused = client.post("/learn/interests/", {"interest": ["sports", "hacking"]})
    assert refused.status_code == 400 and "unknown interest: hacking" in refused.content.decode()
    assert client.post("/learn/interests/", {"interest": ["sports"]}).status_code == 302
    from learnloop.learning.selectors import interests_for_student

    assert interests_for_student(world.student) == ["sports"]


# An answer through the practice page, feedback and next choice board included: the
# session and user, the activity's frameworks with the student's (one statement), the
# session lock, the item, its standards (and choices), the insert (one statement: ON
# CONFLICT DO NOTHING, no savepoint), the student's states and aggregate, three writes,
# the board's recent answers (activities for variety; standards and correctness for the
# lesson offer: one statement), commitments, goal standards (issue 17: a goal is never
# dropped; goals are another app's rows, read through
# learning.commitments.GOAL_STANDARDS) and interests, and the transaction's own
# statements. The answer's xAPI statements cost nothing here: the stored response is the
# outbox of its "answered" and of the levels it moved (`level_moves`), and the session
# it ended names it (`ended_by`) for "completed" (ADR 0017): every answer is 21.
# docs/benchmarks/system.md explains each; a new query must earn its place. (The
# feedback page's "I need help" button reads nothing:
# goals.integrations.practice_cards.)
ANSWER_QUERY_BUDGET = 21
JSON_ANSWER_QUERY_BUDGET = 15  # no session, its lock and its write, no activity read


def outbox_writes(captured: CaptureQueriesContext) -> int:
    return sum('"xapi_outboxstatement"' in query["sql"] for query in captured.captured_queries)


def test_an_answer_through_the_page_stays_within_its_query_budget(
    world: World, lw: LearningWorld
) -> None:
    client = client_for(world.student)
    # the first answer creates the student's state; then updates it; no outbox write ever
    counts = [page_answer(client, world, lw)[0] for _ in range(3)]
    assert max(counts[1:]) <= ANSWER_QUERY_BUDGET, counts


def page_answer(client: Client, world: World, lw: LearningWorld) -> tuple[int, Response]:
    """A right answer to the item the practice page serves: its queries, its response."""
    client.get(practice_url(lw))
    session = open_session(world)
    kind = session.current_item.kind
    post = {
        "item_id": session.current_item_id,
        "client_id": session.current_client_id,
        "answer": "a" if kind == "single_choice" else "3",
        "kind": kind,
    }
    with CaptureQueriesContext(connection) as captured:
        assert client.post(practice_url(lw), post).status_code == 200
    assert outbox_writes(captured) == 0
    return len(captured), Response.objects.get(student=world.student, client_id=post["client_id"])


def test_a_page_answer_that_moves_a_level_or_ends_its_session_costs_no_more(
    world: World, lw: LearningWorld
) -> None:
    """The answers that make "mastered"/"progressed" and "completed" statements write
    none: their facts are on the rows the answer writes anyway (ADR 0017)."""
    lw.practice.extra = {"practice": {"target": "items", "items": 6}}
    lw.practice.save(update_fields=["extra"])
    from learnloop.learning.answering.service import record_response

    for item in lw.items:  # the student's state on every standard exists (no first INSERT)
        given = "a" if item.kind == "single_choice" else "4"
        record_response(
            student=world.student, item_id=item.pk, client_id=uuid.uuid4(), answer=given
        )
    client = client_for(world.student)
    page_answer(client, world, lw)
    counted = [page_answer(client, world, lw) for _ in range(5)]
    session = PracticeSession.objects.get(student=world.student)
    assert session.end_reason == "items_done"
    assert session.ended_by_id == counted[-1][1].pk  # the last answer ended it
    assert any(response.level_moves for _, response in counted), "no level moved"
    assert [queries for queries, _ in counted if queries > ANSWER_QUERY_BUDGET] == [], counted


def test_a_json_answer_that_moves_a_level_costs_no_more(world: World, lw: LearningWorld) -> None:
    client = client_for(world.student)
    item = lw.items[-1]

    def answer() -> tuple[int, Response]:
        body = {"client_id": str(uuid.uuid4()), "item_id": item.pk, "answer": "a"}
        with CaptureQueriesContext(connection) as captured:
            posted = client.post(
                reverse("learning_api_responses"), body, content_type="application/json"
            )
        assert posted.status_code == 201, posted.content
        assert outbox_writes(captured) == 0
        return len(captured), Response.objects.get(client_id=body["client_id"])

    answer()  # the first answer creates the student's state
    counted = [answer() for _ in range(8)]
    moved = [queries for queries, response in counted if response.level_moves]
    assert moved, "eight right answers move a level"
    assert max(queries for queries, _ in counted) <= JSON_ANSWER_QUERY_BUDGET, counted


def test_a_page_repeat_sent_with_another_item_shows_the_first_answers_item(
    world: World, lw: LearningWorld
) -> None:
    """The stored answer stands; the feedback page shows its item (read for the repeat:
    the answer's row carries the item's id only)."""
    client = client_for(world.student)
    client.get(practice_url(lw))
    session = open_session(world)
    first = next(item for item in lw.items if item.pk == session.current_item_id)
    other = next(item for item in lw.items[:4] if item.pk != first.pk)
    post = {"item_id": first.pk, "client_id": session.current_client_id, "kind": first.kind}
    post["answer"] = "a" if first.kind == "single_choice" else "3"
    assert client.post(practice_url(lw), post).status_code == 200
    repeat = {**post, "item_id": other.pk, "answer": "3", "kind": "numeric"}
    body = html.unescape(client.post(practice_url(lw), repeat).content.decode())
    assert html.unescape(first.stem) in body and html.unescape(other.stem) not in body
    assert Response.objects.filter(student=world.student).count() == 1
    assert open_session(world).answered == 1


@pytest.mark.parametrize("repeat_answer", ["3", ""], ids=["another-item", "refused-answer"])
def test_a_page_repeat_of_a_choice_answer_shows_its_choices(
    world: World, lw: LearningWorld, repeat_answer: str
) -> None:
    """A repeat whose first answer was to a choice item (sent with another item, or with
    an answer the page refuses) shows the first answer's feedback with its choices."""
    client = client_for(world.student)
    client.get(practice_url(lw))
    session = open_session(world)
    choice = next(item for item in lw.items if item.kind == "single_choice")
    other = next(item for item in lw.items if item.kind != "single_choice")
    post = {"item_id": choice.pk, "client_id": session.current_client_id, "kind": choice.kind}
    first = client.post(practice_url(lw), {**post, "answer": "a"})
    assert first.status_code == 200
    repeat = {**post, "item_id": other.pk, "answer": repeat_answer, "kind": other.kind}
    again = client.post(practice_url(lw), repeat)
    assert again.status_code == 200
    body = html.unescape(again.content.decode())
    assert html.unescape(choice.stem) in body
    assert all(html.unescape(c.text) in body for c in choice.choices.all())
    assert Response.objects.filter(student=world.student).count() == 1
