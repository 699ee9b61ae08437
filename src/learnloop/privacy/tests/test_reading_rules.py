"""The reading rules: one table in code, the same table in docs/privacy.md, and who is who."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from learnloop.accounts.models import Role
from learnloop.conferences.agenda import AgendaLine
from learnloop.conferences.reading import agenda_for_reader
from learnloop.conferences.services import request_conference
from learnloop.goals.models import Goal, GoalKind
from learnloop.goals.services import abandon_goal, achieve_goal, create_goal
from learnloop.privacy.rules import (
    READERS,
    RULES,
    Reader,
    Record,
    markdown_table,
    may_read,
    reader_of,
    reader_of_class,
)
from learnloop.schools.services import ensure_user
from learnloop.testing.world import World

DOC = Path(__file__).resolve().parents[4] / "docs" / "privacy.md"


def test_docs_show_the_table_the_code_applies() -> None:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("<!-- reading-rules:start -->\n") + len("<!-- reading-rules:start -->\n")
    end = text.index("<!-- reading-rules:end -->")
    assert text[start:end] == markdown_table()


def test_every_record_has_one_rule_and_private_kinds_stay_in_the_class() -> None:
    assert [rule.record for rule in RULES] == list(Record)
    class_only = {Reader.STUDENT, Reader.TEACHER}
    for record in (
        Record.REFLECTION,
        Record.HELP_MESSAGE,
        Record.SELF_ASSESSMENT,
        Record.LET_GO_GOAL,
        Record.UNSHARED_ARTIFACT,
    ):
        assert READERS[record] == class_only, record
    assert READERS[Record.PRIVATE_NOTE] == {Reader.TEACHER}
    assert not any(may_read(None, record) for record in Record)


@pytest.mark.django_db
def test_reader_is_the_relation_to_the_student(world: World) -> None:
    expected = {
        "student": Reader.STUDENT,
        "other_student": None,
        "teacher": Reader.TEACHER,
        "other_teacher": None,
        "guardian": Reader.GUARDIAN,
        "other_guardian": None,
        "admin": Reader.OFFICE,
        "foreign_admin": None,
    }
    found = {person: reader_of(world.user(person), world.student) for person in expected}  # type: ignore[arg-type]
    assert found == expected
    assert reader_of(AnonymousUser(), world.student) is None
    superuser = ensure_user(
        username="root", role=Role.STUDENT, first_name="Root", last_name="User",
        school=None, password="x-y-z-secret", email="root@example.org",
    )  # fmt: skip
    superuser.is_superuser = True
    superuser.save(update_fields=["is_superuser"])
    assert reader_of(superuser, world.student) is None


@pytest.mark.django_db
def test_a_class_page_reader_is_its_teacher_or_the_office(world: World) -> None:
    assert reader_of_class(world.teacher) == Reader.TEACHER
    assert reader_of_class(world.admin) == Reader.OFFICE
    assert reader_of_class(world.guardian) is None


def _goal(world: World, title: str) -> Goal:
    return create_goal(
        student=world.student, kind=GoalKind.HABIT, title=title, weekly_minutes=30,
        target_on=timezone.now().date() + dt.timedelta(days=60), client_id=uuid.uuid4(),
    )  # fmt: skip


@pytest.mark.django_db
def test_agenda_goal_lines_follow_the_goals_status_today(world: World) -> None:
    dropped, done = _goal(world, "Dropped goal"), _goal(world, "Done goal")
    conference = request_conference(
        student=world.student, teacher=world.teacher, requested_by=world.student,
        topic="Ratios", client_id=uuid.uuid4(),
    )  # fmt: skip
    abandon_goal(goal=dropped)
    achieve_goal(goal=done)

    def texts(reader: Reader | None) -> list[str]:
        lines = agenda_for_reader(conference.agenda, reader, conference_teacher=True)
        return [line.text for line in lines]

    assert any("Dropped goal" in text for text in texts(Reader.TEACHER))
    assert any("Dropped goal" in text for text in texts(Reader.STUDENT))
    for reader in (Reader.GUARDIAN, Reader.OFFICE):
        assert not any("Dropped goal" in text for text in texts(reader))
        assert any("Done goal" in text for text in texts(reader))
        assert any("Ratios" in text for text in texts(reader))
    assert texts(None) == []


def test_agenda_lines_without_a_known_record_stay_with_the_class() -> None:
    stored = [
        AgendaLine("goal", "Goal: an old line, no id").to_dict(),
        AgendaLine("gossip", "a kind nobody knows").to_dict(),
        AgendaLine("struggle", "Struggling with 6.RP.A.2", "6.RP.A.2").to_dict(),
    ]
    kinds = {
        reader: [line.kind for line in agenda_for_reader(stored, reader, conference_teacher=True)]
        for reader in Reader
    }
    assert kinds[Reader.TEACHER] == ["goal", "gossip", "struggle"]
    assert kinds[Reader.STUDENT] == ["goal", "struggle"]
    assert kinds[Reader.GUARDIAN] == kinds[Reader.OFFICE] == ["struggle"]


@pytest.mark.django_db
def test_the_office_profile_says_what_it_leaves_out(world: World) -> None:
    client = Client()
    client.force_login(world.admin)
    text = client.get(reverse("teaching_student_profile", args=[world.student.pk])).content
    page = text.decode()
    assert "Reflections are for the student and their teachers only." in page
    assert "Self-assessment (1–4)" not in page
    client.force_login(world.teacher)
    page = client.get(reverse("teaching_student_profile", args=[world.student.pk])).content
    assert "Self-assessment (1–4)" in page.decode()
