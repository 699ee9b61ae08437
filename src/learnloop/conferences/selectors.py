"""Reads for conference pages and the facts the agenda is built from.

Private notes are filtered out here, in the query, unless the caller says the viewer
may read them, so a template can never show one by mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When

from learnloop.accounts.models import User
from learnloop.conferences import queries
from learnloop.conferences.agenda import (
    RECENT,
    AgendaFacts,
    StandardFact,
    StandardKey,
    WrongAnswerFact,
)
from learnloop.conferences.models import (
    AgreedAction,
    Conference,
    ConferenceNote,
    Owner,
    Status,
    Visibility,
)
from learnloop.core.slots import Slot
from learnloop.engine.levels import Level
from learnloop.learning.models import MasteryState, Response
from learnloop.privacy.scope import Scope
from learnloop.standards.models import Standard

OPEN_STATUSES = (Status.REQUESTED, Status.SCHEDULED, Status.HELD)

# Other parts of the product (goals, portfolio) add facts: (student, now, scope) ->
# AgendaFacts with only their own fields filled, registered in the lender's
# AppConfig.ready(); `scope` is the conference teacher's classes (privacy.scope).
FactSource = Callable[[User, datetime, Scope], AgendaFacts]
FACT_SOURCES: Slot[FactSource] = Slot("conferences.agenda_facts")


def _notes(include_private: bool) -> Prefetch:
    notes = ConferenceNote.objects.select_related("author", "standard")
    if not include_private:
        notes = notes.filter(visibility=Visibility.SHARED)
    return Prefetch("notes", queryset=notes, to_attr="visible_notes")


def _actions() -> Prefetch:
    return Prefetch("actions", queryset=AgreedAction.objects.select_related("activity"))


def conferences_for_student(student: User, *, include_private: bool) -> QuerySet[Conference]:
    """A student's conference history, newest first, with the notes the viewer may read."""
    return (
        Conference.objects.filter(student=student)
        .select_related("teacher", "requested_by")
        .prefetch_related(_notes(include_private), _actions())
        .order_by("-created_at", "-pk")
    )


def conference_detail(conference_id: int, *, include_private: bool) -> Conference:
    return (
        Conference.objects.select_related("student", "teacher", "requested_by")
        .prefetch_related(_notes(include_private), _actions())
        .get(pk=conference_id)
    )


def conferences_for_teacher(teacher: User) -> QuerySet[Conference]:
    """Conferences with the teacher, open ones first (requests, then by date)."""
    return (
        Conference.objects.filter(teacher=teacher)
        .select_related("student")
        .annotate(
            open_actions=Count("actions", filter=Q(actions__done_at__isnull=True)),
            status_rank=Case(
                *(When(status=status, then=Value(rank)) for rank, status in enumerate(Status)),
                output_field=IntegerField(),
            ),
        )
        .order_by("status_rank", F("scheduled_at").asc(nulls_first=True), "-created_at")
    )


def open_actions_for_teacher(teacher: User) -> QuerySet[AgreedAction]:
    """The teacher's to-do list: what they agreed to do in conferences, not yet done."""
    return (
        AgreedAction.objects.filter(
            owner=Owner.TEACHER, done_at__isnull=True, conference__teacher=teacher
        )
        .select_related("conference__student", "activity")
        .order_by("due_on", "created_at")
    )


def open_actions_for_student(student: User) -> list[AgreedAction]:
    """The student's own open actions (`queries.open_actions_for_student`, one statement:
    the choice board reads them on every answer)."""
    return queries.open_actions_for_student(student.pk)


def teachers_for_student(student: User) -> QuerySet[User]:
    return User.objects.filter(teaching_classrooms__enrollments__student=student).distinct()


def agenda_facts_for_student(student: User, topic: str, now: datetime, scope: Scope) -> AgendaFacts:
    """Everything the agenda rules look at, in a fixed number of queries."""
    states = MasteryState.objects.filter(student=student, attempts__gt=0).select_related("standard")
    wrong = list(
        Response.objects.filter(
            student=student, correct=False, created_at__gte=now - RECENT
        ).values_list("standard_ids", "created_at")
    )
    ids = {standard_id for ids, _ in wrong for standard_id in ids}
    wrong_about = {s.pk: s for s in Standard.objects.filter(pk__in=ids)}
    facts = AgendaFacts(
        topic=topic,
        standards=[
            StandardFact(
                s.standard.code,
                s.mastery,
                s.attempts,
                Level(s.combined_level),
                s.standard_id,
                s.standard.label,
            )
            for s in states
        ],
        wrong_answers=[
            WrongAnswerFact(wrong_about[i].code, at, i, wrong_about[i].label)
            for ids, at in wrong
            for i in ids
            if i in wrong_about
        ],
    )
    for source in FACT_SOURCES:
        extra = source(student, now, scope)
        facts = AgendaFacts(
            topic=facts.topic,
            standards=facts.standards,
            wrong_answers=facts.wrong_answers,
            goals=[*facts.goals, *extra.goals],
            help_requests=[*facts.help_requests, *extra.help_requests],
            reflections=[*facts.reflections, *extra.reflections],
            portfolio=[*facts.portfolio, *extra.portfolio],
        )
    return facts


def levels_for_student(student_id: int, standards: set[StandardKey]) -> dict[StandardKey, Level]:
    """The stored level of each of these standards (by id, or by code for an agenda line
    stored before lines kept the id) for the student, one query."""
    ids = {key for key in standards if isinstance(key, int)}
    codes = {key for key in standards if isinstance(key, str)}
    if not ids and not codes:
        return {}
    rows = MasteryState.objects.filter(
        Q(standard_id__in=ids) | Q(standard__code__in=codes), student_id=student_id
    ).values_list("standard_id", "standard__code", "combined_level")
    found: dict[StandardKey, Level] = {}
    for standard_id, code, level in rows:
        if standard_id in ids:
            found[standard_id] = Level(level)
        if code in codes:
            found[code] = Level(level)
    return found
