"""core.sql: the answer path's literal statements and writes give back exactly what the
ORM gives (JSON, aware datetimes, foreign keys), on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from learnloop.content.grading import ChoiceSpec
from learnloop.content.models import CHOICE_KINDS, Choice, Item, Status
from learnloop.core.sql import Insert, Statement, Update, column, instance, linked, quoted, table
from learnloop.learning.answering.queries import StateRow, item_choices, student_rows
from learnloop.learning.answering.service import record_response
from learnloop.learning.answers import describe_answer
from learnloop.learning.engine_state import read_snapshot
from learnloop.learning.models import MasteryState, PracticeSession, Response, StudentTrace
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db

STATE_FIELDS = ("standard", "skill_state", "mastery", "level", "review_card", "review_due_at")


def _answer_until_proficient(world: World, lw: LearningWorld) -> None:
    start = timezone.now() - timedelta(days=2)
    for index in range(8):
        record_response(
            student=world.student,
            item_id=lw.items[index % 4].pk,
            client_id=uuid.uuid4(),
            answer="3",
            now=start + timedelta(minutes=index),
        )


def test_a_statement_reads_what_the_orm_reads(world: World, lw: LearningWorld) -> None:
    _answer_until_proficient(world, lw)
    orm = list(MasteryState.objects.filter(student=world.student).values_list(*STATE_FIELDS))
    plain = Statement(
        lambda: (
            f"SELECT {quoted(MasteryState, STATE_FIELDS)} FROM {table(MasteryState)} "
            f"WHERE {column(MasteryState, 'student')} = %s"
        ),
        [(MasteryState, name) for name in STATE_FIELDS],
    ).rows(world.student.pk)
    assert plain == orm
    (row,) = plain
    assert isinstance(row[1], dict) and isinstance(row[4], dict)  # JSON decoded
    assert row[5] is not None and row[5].tzinfo is not None  # an aware datetime


def test_instances_defer_what_was_not_selected(world: World, lw: LearningWorld) -> None:
    _answer_until_proficient(world, lw)
    names = ("id", "standard", "level")
    rows = Statement(
        lambda: (
            f"SELECT {quoted(MasteryState, names)} FROM {table(MasteryState)} "
            f"WHERE {column(MasteryState, 'student')} = %s"
        ),
        [(MasteryState, name) for name in names],
    ).rows(world.student.pk)
    (state,) = [instance(MasteryState, dict(zip(names, row, strict=True))) for row in rows]
    stored = MasteryState.objects.get(student=world.student)
    assert (state.pk, state.standard_id, state.level) == (
        stored.pk,
        stored.standard_id,
        stored.level,
    )
    assert state.get_deferred_fields() >= {"skill_state", "review_card", "mastery"}
    user = instance(type(world.student), {"id": 7, "first_name": "Ada", "last_name": "L"})
    assert user.get_full_name() == "Ada L"


def test_conditions_order_limit_and_lock(world: World, lw: LearningWorld) -> None:
    _answer_until_proficient(world, lw)
    newest = Statement(
        lambda: (
            f"SELECT {column(Response, 'id')} FROM {table(Response)} "
            f"WHERE {column(Response, 'student')} = %s AND {column(Response, 'activity')} IS NULL "
            f"ORDER BY {column(Response, 'created_at')} DESC LIMIT 2"
        ),
        [(Response, "id")],
    )
    expected = list(
        Response.objects.filter(student=world.student, activity__isnull=True)
        .order_by("-created_at")
        .values_list("id")[:2]
    )
    assert newest.rows(world.student.pk) == expected
    locked = Statement(
        lambda: (
            f"SELECT {column(StudentTrace, 'state')} FROM {table(StudentTrace)} "
            f"WHERE {column(StudentTrace, 'student')} = %s"
        ),
        [(StudentTrace, "state")],
        lock=True,
    )
    with transaction.atomic():  # FOR UPDATE on PostgreSQL, a plain read on SQLite
        ((state,),) = locked.rows(world.student.pk)
    assert state == StudentTrace.objects.get(student=world.student).state


def test_an_update_writes_json_and_datetimes_as_the_orm_does(
    world: World, lw: LearningWorld
) -> None:
    _answer_until_proficient(world, lw)
    state = MasteryState.objects.get(student=world.student)
    due = timezone.now() + timedelta(days=3)
    card = {"state": 2, "stability": 4.5, "due": due.isoformat()}
    changed = Update(MasteryState, ("review_card", "review_due_at", "mastery")).run(
        state.pk, {"review_card": card, "review_due_at": due, "mastery": 0.5}
    )
    assert changed == 1
    state.refresh_from_db()
    assert (state.review_card, state.review_due_at, state.mastery) == (card, due, 0.5)


def test_linked_reads_the_other_side_of_a_many_to_many(world: World, lw: LearningWorld) -> None:
    item = lw.items[0]
    rows = linked(Item.standards.through, "item", "standard", ("id", "code"), item.pk)
    assert rows == list(item.standards.values_list("id", "code"))


def test_the_snapshot_is_what_the_answer_left(world: World, lw: LearningWorld) -> None:
    _answer_until_proficient(world, lw)
    result = record_response(
        student=world.student, item_id=lw.items[0].pk, client_id=uuid.uuid4(), answer="3"
    )
    assert result.snapshot is not None
    read = read_snapshot(world.student.pk)
    assert read.student == result.snapshot.student
    assert read.trace_id is not None and read.trace_id == result.snapshot.trace_id
    standard = lw.standards["6.RP.A.2"].pk
    after, stored = result.snapshot.states[standard], read.states[standard]
    for name in ("level", "mastery", "attempts", "skill_state", "review_due_at"):
        assert getattr(after, name) == getattr(stored, name), name


def test_the_students_states_are_read_as_values_equal_to_the_orms_rows(
    world: World, lw: LearningWorld
) -> None:
    _answer_until_proficient(world, lw)
    rows = student_rows(world.student.pk)
    (orm,) = MasteryState.objects.filter(student=world.student)
    (row,) = rows.states.values()
    assert isinstance(row, StateRow) and row.id == orm.pk
    for field in dataclasses.fields(StateRow):
        assert getattr(row, field.name) == getattr(orm, field.name), field.name
    assert row.review_due_at is not None and row.review_due_at.tzinfo is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.level = 0  # type: ignore[misc]


def test_a_new_state_is_stored_and_handed_to_the_board_with_its_id(
    world: World, lw: LearningWorld
) -> None:
    result = record_response(
        student=world.student, item_id=lw.items[0].pk, client_id=uuid.uuid4(), answer="3"
    )
    assert result.snapshot is not None
    (row,) = result.snapshot.states.values()
    stored = MasteryState.objects.get(student=world.student)
    assert row.id == stored.pk and row.attempts == stored.attempts == 1
    assert row.combined_level == stored.combined_level


def test_a_repeat_of_an_answer_to_a_since_withdrawn_item_returns_the_first_result(
    world: World, lw: LearningWorld
) -> None:
    key = uuid.uuid4()
    first = record_response(
        student=world.student, item_id=lw.items[0].pk, client_id=key, answer="3"
    )
    Item.objects.filter(pk=lw.items[0].pk).update(status=Status.DRAFT)
    again = record_response(
        student=world.student, item_id=lw.items[0].pk, client_id=key, answer="3"
    )
    assert again.duplicate and again.response.pk == first.response.pk


def test_run_from_writes_a_foreign_key_by_its_id_without_fetching_it(
    world: World, lw: LearningWorld, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    session = PracticeSession.objects.create(
        student=world.student,
        activity=lw.practice,
        started_at=timezone.now(),
        last_active_at=timezone.now(),
    )
    session = PracticeSession.objects.get(pk=session.pk)
    session.current_item_id, session.hints_shown = lw.items[1].pk, 2
    with django_assert_num_queries(1):  # the UPDATE; the item is never loaded
        Update(PracticeSession, ("current_item", "hints_shown")).run_from(session)
    stored = PracticeSession.objects.get(pk=session.pk)
    assert (stored.current_item_id, stored.hints_shown) == (lw.items[1].pk, 2)


def test_an_insert_stores_once_and_reports_a_repeat_as_none(
    world: World, lw: LearningWorld, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    insert = Insert(
        Response,
        ("student", "client_id", "item", "answer", "correct", "score", "hints_used",
         "seconds", "standard_ids", "created_at"),
        unique=("student", "client_id"),
    )  # fmt: skip
    when = timezone.now().replace(microsecond=123456)
    values = {
        "student": world.student.pk,
        "client_id": uuid.uuid4(),
        "item": lw.items[0].pk,
        "answer": ["3", "x"],
        "correct": True,
        "score": 0.75,
        "hints_used": 1,
        "seconds": 40,
        "standard_ids": [5, 9],
        "created_at": when,
    }
    with django_assert_num_queries(1):  # one statement, no savepoint
        stored = insert.run(values)
    assert isinstance(stored, int)  # the new row's id, never a model instance
    read = Response.objects.get(pk=stored)
    assert (read.client_id, read.answer, read.standard_ids, read.created_at, read.score) == (
        values["client_id"],
        ["3", "x"],
        [5, 9],
        when,
        0.75,
    )
    assert (read.student_id, read.item_id) == (values["student"], values["item"])
    with transaction.atomic():  # a repeat leaves the transaction usable
        assert insert.run({**values, "correct": False}) is None
        assert Response.objects.filter(student=world.student).count() == 1
    assert Response.objects.get(pk=stored).correct is True  # the first one stands


def test_a_statement_orders_by_several_keys(world: World, lw: LearningWorld) -> None:
    item = lw.items[4]  # choices a, b, c; a and c moved last, at the same position
    Choice.objects.filter(item=item, identifier__in=["a", "c"]).update(position=9)
    ordered = Statement(
        lambda: (
            f"SELECT {column(Choice, 'identifier')} FROM {table(Choice)} "
            f"WHERE {column(Choice, 'item')} = %s "
            f"ORDER BY {column(Choice, 'position')} ASC, {column(Choice, 'id')} DESC"
        ),
        [(Choice, "identifier")],
    )
    expected = list(
        Choice.objects.filter(item=item).order_by("position", "-pk").values_list("identifier")
    )
    assert ordered.rows(item.pk) == expected == [("b",), ("c",), ("a",)]


def test_a_choice_item_is_graded_and_shown_without_reading_its_choices_again(
    world: World, lw: LearningWorld, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    result = record_response(
        student=world.student, item_id=lw.items[4].pk, client_id=uuid.uuid4(), answer="a"
    )
    assert result.response.correct
    assert result.choices == (
        ChoiceSpec("a", True, "3:5"),
        ChoiceSpec("b", False, "5:3"),
        ChoiceSpec("c", False, "3:8"),
    )
    with django_assert_num_queries(0):
        assert result.item is not None and result.item.pk == result.response.item_id
        given = describe_answer(result.item, result.response.answer, result.choices)
    assert given == "3:5"


def test_the_choices_are_read_in_the_order_the_page_shows_them(
    world: World, lw: LearningWorld
) -> None:
    item = lw.items[4]
    for identifier, position in (("a", 3), ("b", 1), ("c", 2)):
        Choice.objects.filter(item=item, identifier=identifier).update(position=position)
    read = [choice.key for choice in item_choices(item.pk)]
    orm = [choice.identifier for choice in Choice.objects.filter(item=item)]  # Meta.ordering
    assert read == orm == ["b", "c", "a"]
    assert item_choices(lw.items[0].pk) == ()  # a numeric item has none


def test_a_repeat_carries_the_choices_only_when_its_first_answer_was_to_that_item(
    world: World, lw: LearningWorld
) -> None:
    key = uuid.uuid4()
    first = record_response(
        student=world.student, item_id=lw.items[4].pk, client_id=key, answer="b"
    )
    same = record_response(student=world.student, item_id=lw.items[4].pk, client_id=key, answer="a")
    assert same.duplicate and not same.response.correct and same.choices == first.choices
    other = record_response(
        student=world.student, item_id=lw.items[0].pk, client_id=key, answer="3"
    )
    assert other.duplicate and other.response.item_id == lw.items[4].pk and other.choices is None
    assert other.item is None  # the repeat read another item: the page reads the first's
    first_item = Item.objects.get(pk=other.response.item_id)
    assert describe_answer(first_item, other.response.answer, other.choices) == "5:3"


def test_the_first_check_reads_the_students_frameworks_in_its_own_statement(
    world: World, lw: LearningWorld, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    from learnloop.learning.answering import queries
    from learnloop.learning.queries import framework_ids

    mine = framework_ids(world.student.pk)
    assert mine  # the world's student follows the learning world's framework
    school = world.student.school_id
    with django_assert_num_queries(1):
        both = queries.activity_and_student_frameworks(
            lw.practice.pk, Status.PUBLISHED, school, world.student.pk
        )
    alone = queries.activity_frameworks(lw.practice.pk, Status.PUBLISHED, school)
    assert both == (alone, mine) and alone
    # No such activity (or not published): None, and the student's frameworks all the same.
    assert queries.activity_and_student_frameworks(
        lw.practice.pk, Status.DRAFT, school, world.student.pk
    ) == (None, mine)
    # An activity without standards: an empty set, not None.
    lw.practice.standards.clear()
    assert queries.activity_and_student_frameworks(
        lw.practice.pk, Status.PUBLISHED, school, world.student.pk
    ) == (set(), mine)
    # A student in no class: no frameworks.
    assert (
        queries.activity_and_student_frameworks(
            lw.practice.pk, Status.PUBLISHED, school, world.teacher.pk
        )[1]
        == ()
        == framework_ids(world.teacher.pk)
    )

    item = lw.items[0]
    with django_assert_num_queries(2 + (item.kind in CHOICE_KINDS)):  # row, standards
        found, frameworks = queries.published_item(item.pk, Status.PUBLISHED, world.student.pk)
    plain, none = queries.published_item(item.pk, Status.PUBLISHED)
    assert frameworks == mine and none is None
    assert found is not None and plain is not None and found.standards == plain.standards
    assert {standard.standard_id for standard in found.standards} == set(
        item.standards.values_list("pk", flat=True)
    )
    assert queries.published_item(item.pk, Status.DRAFT, world.student.pk) == (None, None)
