"""A practice session that teaches (issue 17 section 3), through Django's test client:
second tries, help in order, no repeats, an end with a summary, routing after misses."""

from __future__ import annotations

import html
import uuid
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from learnloop.content.drafts import ChoiceDraft, ItemDraft
from learnloop.content.models import Item, ItemKind, ItemStep, Status, StepHint, StepKind
from learnloop.content.services import create_item, set_activity_items
from learnloop.learning.answers import choice_marks
from learnloop.learning.models import MasteryState, PracticeSession, Response
from learnloop.learning.services import rebuild_mastery
from learnloop.learning.tests.fixtures import LearningWorld, client_for, open_session, practice_url
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def answer(client: Client, world: World, lw: LearningWorld, *, right: bool) -> str:
    """Load the practice page and answer its item; returns the feedback page's text."""
    client.get(practice_url(lw))
    session = open_session(world)
    kind = session.current_item.kind
    right_key, wrong_key = ("a", "b") if kind == ItemKind.SINGLE_CHOICE else ("3", "4")
    given = right_key if right else wrong_key
    post = {
        "item_id": session.current_item_id,
        "client_id": session.current_client_id,
        "answer": given,
        "kind": kind,
    }
    response = client.post(practice_url(lw), post)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def set_target(lw: LearningWorld, **practice: Any) -> None:
    lw.practice.extra = {"practice": practice}
    lw.practice.save(update_fields=["extra"])


def test_a_wrong_answer_offers_a_second_try_worth_half_that_the_engine_ignores(
    world: World, lw: LearningWorld
) -> None:
    client = client_for(world.student)
    first = answer(client, world, lw, right=False)
    assert "Try again" in first and "Next question" not in first
    item_id = open_session(world).current_item_id
    page = html.unescape(client.get(practice_url(lw)).content.decode())
    assert "Second try." in page and f'name="item_id" value="{item_id}"' in page
    attempts_before = MasteryState.objects.get(student=world.student).attempts
    second = answer(client, world, lw, right=True)
    assert "Next question" in second
    stored = Response.objects.filter(student=world.student).order_by("created_at", "pk")
    assert [(r.attempt, r.correct, r.score) for r in stored] == [(1, False, 0.0), (2, True, 0.5)]
    assert MasteryState.objects.get(student=world.student).attempts == attempts_before
    session = open_session(world)
    assert (session.answered, session.answered_correctly, session.misses_in_a_row) == (1, 0, 1)


def test_help_comes_one_hint_at_a_time_then_the_solution_and_is_recorded(
    world: World, lw: LearningWorld
) -> None:
    client = client_for(world.student)
    client.get(practice_url(lw))
    session = open_session(world)
    hints = len(session.current_item.hints)
    labels = []
    for _ in range(hints + 1):
        page = html.unescape(client.get(practice_url(lw)).content.decode())
        labels.append(
            next(
                label
                for label in ("I'd like a hint", "Another hint", "Show me the worked solution")
                if label in page
            )
        )
        client.post(f"/learn/practice/{session.pk}/hint/")
    assert labels[0] == "I'd like a hint" and labels[-1] == "Show me the worked solution"
    page = html.unescape(client.get(practice_url(lw)).content.decode())
    assert "Worked solution" in page and "earns no credit" in page
    answer(client, world, lw, right=True)
    stored = Response.objects.get(student=world.student)
    assert (stored.hints_used, stored.solution_shown, stored.correct, stored.score) == (
        hints,
        True,
        True,
        0.0,
    )


def test_a_scaffold_comes_after_the_hints_and_caps_the_credit_at_half(
    world: World, lw: LearningWorld
) -> None:
    client = client_for(world.student)
    client.get(practice_url(lw))
    session = open_session(world)
    step = ItemStep.objects.create(
        item=session.current_item, identifier="s1", problem_type="TextBox"
    )
    StepHint.objects.create(
        step=step, identifier="h1", kind=StepKind.SCAFFOLD, title="Count the pencils.",
        answers=["the number in the question"],
    )  # fmt: skip
    for _ in session.current_item.hints:
        client.post(f"/learn/practice/{session.pk}/hint/")
    page = html.unescape(client.get(practice_url(lw)).content.decode())
    assert "Break it into smaller steps" in page and "Smaller step 1" not in page
    client.post(f"/learn/practice/{session.pk}/hint/")
    page = html.unescape(client.get(practice_url(lw)).content.decode())
    assert "Smaller step 1:</strong> Count the pencils." in page
    assert "Show me the worked solution" in page
    answer(client, world, lw, right=True)
    stored = Response.objects.get(student=world.student)
    assert (stored.scaffolds_used, stored.correct, stored.score) == (1, True, 0.5)


def test_no_item_repeats_while_unseen_items_remain(world: World, lw: LearningWorld) -> None:
    client = client_for(world.student)
    for _ in range(len(lw.items)):
        answer(client, world, lw, right=True)
    served = list(Response.objects.filter(student=world.student).values_list("item_id", flat=True))
    assert sorted(served) == sorted(item.pk for item in lw.items)


def test_an_items_session_ends_with_a_summary_of_levels_and_next_steps(
    world: World, lw: LearningWorld
) -> None:
    set_target(lw, target="items", items=3)
    client = client_for(world.student)
    texts = [answer(client, world, lw, right=True) for _ in range(3)]
    assert "Next question" in texts[1] and "See how this session went" in texts[2]
    session = PracticeSession.objects.get(student=world.student)
    assert session.end_reason == "items_done" and session.finished_at is not None
    summary = html.unescape(client.get(f"/learn/practice/{session.pk}/summary/").content.decode())
    assert "You answered every question this practice asks for." in summary
    assert "3 right the first time" in summary
    assert "6.RP.A.2" in summary and "Not started" in summary  # the level before
    assert "Practice again" in summary and "Lesson: What is a unit rate?" in summary


def test_the_levels_on_feedback_and_summary_read_in_the_students_language(
    world: World, lw: LearningWorld
) -> None:
    """The level a standard moved to, on the feedback page and in the session's summary,
    is named in the student's language (the engine names its levels in English)."""
    world.student.language = "es"
    world.student.save(update_fields=["language"])
    set_target(lw, target="items", items=3)
    client = client_for(world.student)
    texts = [answer(client, world, lw, right=True) for _ in range(3)]
    session = PracticeSession.objects.get(student=world.student)
    summary = html.unescape(client.get(f"/learn/practice/{session.pk}/summary/").content.decode())
    assert "Sin empezar" in summary and "Not started" not in summary  # the level before
    moved = [t for t in texts if "6.RP.A.2:" in t]
    assert moved, "no feedback page named a level"
    for text in [*moved, summary]:
        parts = text.split('<strong class="level-text')[1:]
        strong = [part.split("</strong>")[0] for part in parts]
        names = [part.split(">", 1)[1] for part in strong]
        spanish = {"Practicando", "Familiarizado", "Competente", "Dominado"}
        assert names and set(names) <= spanish, names


def test_three_misses_in_a_row_route_to_the_lesson_worked_examples_and_teacher(
    world: World, lw: LearningWorld
) -> None:
    client = client_for(world.student)
    texts = []
    for _ in range(6):  # three items, each missed on both tries
        texts.append(answer(client, world, lw, right=False))
        if "See how this session went" in texts[-1]:
            break
    assert len(texts) == 6
    session = PracticeSession.objects.get(student=world.student)
    assert session.end_reason == "routed"
    summary = html.unescape(client.get(f"/learn/practice/{session.pk}/summary/").content.decode())
    assert "more questions won't help right now" in summary.lower()
    assert "Lesson: What is a unit rate?" in summary and "Practice again" not in summary
    assert "Mistakes to look at again" in summary and "Worked example" in summary
    assert "I need help" in summary  # ask my teacher, right there
    assert "content/math.css" in summary  # its stems and worked examples are typeset


def test_right_only_after_the_worked_solution_is_not_right_first_time_and_routes(
    world: World, lw: LearningWorld
) -> None:
    """A first try is right for the session as for the engine (graded right and worth at
    least half): three questions answered right only after reading their worked
    solutions are three misses in a row, so the session routes to the lesson, and the
    summary says none was right the first time."""
    client = client_for(world.student)
    for _ in range(3):
        client.get(practice_url(lw))
        session = open_session(world)
        for _ in range(len(session.current_item.hints) + 1):  # every hint, then the solution
            client.post(f"/learn/practice/{session.pk}/hint/")
        text = answer(client, world, lw, right=True)
    session = PracticeSession.objects.get(student=world.student)
    assert Response.objects.filter(student=world.student, correct=True).count() == 3
    assert (session.answered, session.answered_correctly) == (3, 0)
    assert session.end_reason == "routed" and "See how this session went" in text
    summary = html.unescape(client.get(f"/learn/practice/{session.pk}/summary/").content.decode())
    assert "You answered 3 questions; 0 right the first time." in summary
    assert "Lesson: What is a unit rate?" in summary


def test_a_routed_summary_with_no_lesson_to_offer_does_not_send_the_student_to_one(
    world: World, lw: LearningWorld
) -> None:
    lw.lesson.status = Status.DRAFT
    lw.lesson.save(update_fields=["status"])
    client = client_for(world.student)
    for _ in range(6):
        if "See how this session went" in answer(client, world, lw, right=False):
            break
    session = PracticeSession.objects.get(student=world.student)
    summary = html.unescape(client.get(f"/learn/practice/{session.pk}/summary/").content.decode())
    assert "more questions won't help right now" in summary.lower()
    assert "Lesson:" not in summary and "Read the lesson" not in summary
    assert "Study the worked examples above, and ask your teacher." in summary


def test_the_practice_and_feedback_pages_carry_the_help_button(
    world: World, lw: LearningWorld
) -> None:
    client = client_for(world.student)
    assert "I need help" in client.get(practice_url(lw)).content.decode()
    assert "I need help" in answer(client, world, lw, right=False)


def test_a_mastery_session_goes_on_past_ten_items_and_stops_at_the_cap(
    world: World, lw: LearningWorld
) -> None:
    set_target(lw, target="mastery", max_items=6)
    client = client_for(world.student)
    for _ in range(6):
        text = answer(client, world, lw, right=True)
        if "See how this session went" in text:
            break
    session = PracticeSession.objects.get(student=world.student)
    assert session.finished_at is not None
    assert session.end_reason in {"mastered", "cap"}
    assert session.answered <= 6


def test_rebuild_replays_first_tries_with_the_same_rule_as_the_answer(
    world: World, lw: LearningWorld
) -> None:
    client = client_for(world.student)
    answer(client, world, lw, right=False)
    answer(client, world, lw, right=True)  # second try: not evidence
    answer(client, world, lw, right=True)
    online = MasteryState.objects.values_list("standard_id", "attempts", "successes", "mastery")
    before = sorted(online)
    rebuild_mastery(student_ids=[world.student.pk])
    after = sorted(online.all())
    assert [row[:3] for row in after] == [row[:3] for row in before]
    assert [round(row[3], 6) for row in after] == [round(row[3], 6) for row in before]


def test_multiple_choice_feedback_marks_each_choice_in_words(
    world: World, lw: LearningWorld
) -> None:
    item = create_item(
        author=None,
        school=None,
        draft=ItemDraft(
            kind=ItemKind.MULTIPLE_CHOICE,
            title="Equivalent ratios",
            stem="<p>Which ratios equal 2:3?</p>",
            choices=(
                ChoiceDraft("4:6", True, "a"),
                ChoiceDraft("6:9", True, "b"),
                ChoiceDraft("3:2", False, "c"),
            ),
        ),
        standards=[lw.standards["6.RP.A.2"]],
        status=Status.PUBLISHED,
    )
    hidden = choice_marks(item, ["a", "c"], reveal=False)
    assert [m.verdict for m in hidden] == [
        "You chose this: right.",
        "Not chosen.",
        "You chose this: wrong.",
    ]
    shown = choice_marks(item, ["a", "c"], reveal=True)
    assert "it should be chosen too" in shown[1].verdict
    with translation.override("es"):  # a Spanish reader's feedback is Spanish throughout
        assert [m.verdict for m in choice_marks(item, ["a", "c"], reveal=True)] == [
            "La elegiste: correcta.",
            "No la elegiste, pero es correcta: también había que elegirla.",
            "La elegiste: incorrecta.",
        ]
    set_activity_items(activity=lw.practice, items=[item])
    client = client_for(world.student)
    client.get(practice_url(lw))
    session = open_session(world)
    post = {
        "item_id": item.pk,
        "client_id": session.current_client_id,
        "answer": ["a", "c"],
        "kind": item.kind,
    }
    page = html.unescape(client.post(practice_url(lw), post).content.decode())
    for text, verdict in [
        ("4:6", "You chose this: right."),
        ("6:9", "Not chosen."),
        ("3:2", "You chose this: wrong."),
    ]:
        assert f"{text}</span> — <strong>{verdict}</strong>" in page


def test_reopening_the_page_after_the_end_shows_the_summary_until_practice_again(
    world: World, lw: LearningWorld
) -> None:
    set_target(lw, target="items", items=2)
    client = client_for(world.student)
    answer(client, world, lw, right=True)
    answer(client, world, lw, right=True)
    ended = PracticeSession.objects.get(student=world.student)
    assert ended.finished_at is not None
    reopened = client.get(practice_url(lw))
    assert reopened.status_code == 302
    assert reopened["Location"] == f"/learn/practice/{ended.pk}/summary/"
    summary = html.unescape(client.get(reopened["Location"]).content.decode())
    again = f'action="/learn/activities/{lw.practice.pk}/practice/again/"'
    assert again in summary and "Practice again" in summary
    assert PracticeSession.objects.filter(student=world.student).count() == 1
    # A stale tab's answer after the end stores nothing and shows the summary too.
    item = lw.items[0]
    stale = {"item_id": item.pk, "client_id": "7f9c2b3a-1d2e-4f50-8a6b-0c1d2e3f4a5b", "answer": "3"}
    posted = client.post(practice_url(lw), stale)
    assert posted.status_code == 302 and posted["Location"].endswith(f"/{ended.pk}/summary/")
    assert Response.objects.filter(student=world.student).count() == 2
    assert client.get(f"/learn/activities/{lw.practice.pk}/practice/again/").status_code == 405
    started = client.post(f"/learn/activities/{lw.practice.pk}/practice/again/")
    assert started.status_code == 302 and started["Location"] == practice_url(lw)
    fresh = open_session(world)
    assert fresh.pk != ended.pk and fresh.current_item_id is not None
    assert 'name="answer"' in client.get(practice_url(lw)).content.decode()


def test_a_session_that_ended_long_ago_is_not_shown_again(world: World, lw: LearningWorld) -> None:
    from datetime import timedelta

    from learnloop.learning.practice import ENDED_SHOWN_FOR

    set_target(lw, target="items", items=1)
    client = client_for(world.student)
    answer(client, world, lw, right=True)
    ended = PracticeSession.objects.get(student=world.student)
    ended.finished_at -= ENDED_SHOWN_FOR + timedelta(minutes=1)
    ended.save(update_fields=["finished_at"])
    page = client.get(practice_url(lw))
    assert page.status_code == 200 and open_session(world).pk != ended.pk


def test_a_routed_session_offers_a_new_one_only_as_an_explicit_post(
    world: World, lw: LearningWorld
) -> None:
    client = client_for(world.student)
    for _ in range(6):
        if "See how this session went" in answer(client, world, lw, right=False):
            break
    session = PracticeSession.objects.get(student=world.student)
    assert session.end_reason == "routed"
    reopened = client.get(practice_url(lw), follow=True)
    text = html.unescape(reopened.content.decode())
    assert "Start a new session anyway" in text and "Practice again" not in text
    client.post(f"/learn/activities/{lw.practice.pk}/practice/again/")
    assert open_session(world).pk != session.pk


def test_the_feedback_page_credits_the_answered_items_source_and_license(
    world: World, lw: LearningWorld
) -> None:
    """The feedback page's item is the answer's row: its attribution is parsed from the
    row's two text fields as the model's property parses them."""
    Item.objects.filter(pk__in=[item.pk for item in lw.items]).update(
        attribution_source="https://example.org/course <Example course>",
        attribution_license="CC BY 4.0",
    )
    page = answer(client_for(world.student), world, lw, right=True)
    assert 'href="https://example.org/course" rel="noopener noreferrer">Example course</a>' in page
    assert "License: CC BY 4.0" in page
    Item.objects.filter(pk__in=[item.pk for item in lw.items]).update(
        attribution_source="", attribution_license=""
    )
    assert 'class="attribution' not in answer(client_for(world.student), world, lw, right=True)


def test_a_huge_answer_is_refused_in_a_whole_sentence_and_nothing_is_stored(
    world: World, lw: LearningWorld
) -> None:
    client = client_for(world.student)
    client.get(practice_url(lw))
    session = open_session(world)
    post = {
        "item_id": session.current_item_id,
        "client_id": session.current_client_id,
        "answer": "9" * 5000,
        "kind": session.current_item.kind,
    }
    page = client.post(practice_url(lw), post)
    assert page.status_code == 400
    body = html.unescape(page.content.decode())
    assert "Your answer is too long (at most 1,000 characters)." in body
    assert not Response.objects.filter(student=world.student).exists()


def progress_line(text: str) -> str:
    import re

    found = re.search(r"(\d+) of (\d+) questions? done", text)
    assert found, text
    return found.group(0)


def test_a_question_is_done_once_finished_not_while_its_second_try_is_to_come(
    world: World, lw: LearningWorld
) -> None:
    set_target(lw, target="items", items=3)
    client = client_for(world.student)
    first = answer(client, world, lw, right=False)
    assert "Try again" in first and progress_line(first) == "0 of 3 questions done"
    page = html.unescape(client.get(practice_url(lw)).content.decode())
    assert "Second try." in page and progress_line(page) == "0 of 3 questions done"
    # the JSON API answers the same wrong first try as not finished either
    pending = open_session(world)
    api = client.post(
        "/learn/api/responses",
        {
            "item_id": pending.current_item_id,
            "client_id": str(uuid.uuid4()),
            "answer": "b" if pending.current_item.kind == ItemKind.SINGLE_CHOICE else "4",
        },
        content_type="application/json",
    ).json()
    assert (api["correct"], api["attempt"], api["may_try_again"]) == (False, 1, True)
    assert progress_line(answer(client, world, lw, right=True)) == "1 of 3 questions done"
    answer(client, world, lw, right=False)
    assert progress_line(answer(client, world, lw, right=False)) == "2 of 3 questions done"
    session = open_session(world)
    assert (session.answered, session.answered_correctly) == (2, 0)
    last = answer(client, world, lw, right=True)
    assert "See how this session went" in last
    session = PracticeSession.objects.get(student=world.student)
    summary = html.unescape(client.get(f"/learn/practice/{session.pk}/summary/").content.decode())
    assert "You answered every question this practice asks for." in summary
    assert "1 right the first time" in summary
