"""Who may read each kind of record about a student: the one table every page applies.

`RULES` is the source; docs/privacy.md shows it (`markdown_table()`), and a test fails
when the two differ. A page finds the viewer's relation to the student once
(`reader_of`), then asks `may_read(reader, record)` for each kind of record it would
show, so what a page holds is computed for the person reading it, never copied.

A reader is the relation to one student, not a role: a teacher of another class, a
guardian of another child or the admin of another school is no reader at all (None)
and reads nothing. A Django superuser without one of these relations reads no student
record through the pages either; the admin site registers no student-written record.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser

from learnloop.accounts.models import GuardianLink, Role, User
from learnloop.schools.models import Enrollment


class Reader(StrEnum):
    STUDENT = "the student"
    TEACHER = "a teacher of the student's class"
    GUARDIAN = "a guardian linked to the student"
    OFFICE = "the school office (admin of the student's school)"


class Record(StrEnum):
    PRACTICE = "levels, answers and practice"
    GOAL = "goal, active or achieved"
    LET_GO_GOAL = "goal the student let go"
    REFLECTION = "reflection"
    HELP_MESSAGE = "help request and its message"
    SELF_ASSESSMENT = "self-assessment (I can … 1–4)"
    CONFERENCE = "conference: time, topic, agreed actions"
    SHARED_NOTE = "conference note shared with the student"
    PRIVATE_NOTE = "private conference note (teacher-only)"
    SHARED_ARTIFACT = "portfolio piece shared with family"
    UNSHARED_ARTIFACT = "portfolio piece not shared with family"


@dataclass(frozen=True)
class Rule:
    record: Record
    readers: frozenset[Reader]
    why: str


def _readers(*readers: Reader) -> frozenset[Reader]:
    return frozenset(readers)


CLASS = _readers(Reader.STUDENT, Reader.TEACHER)
EVERY_READER = _readers(*Reader)

RULES: tuple[Rule, ...] = (
    Rule(Record.PRACTICE, EVERY_READER, "progress is what family and the office come for"),
    Rule(Record.GOAL, EVERY_READER, "the student's direction, shown with progress"),
    Rule(Record.LET_GO_GOAL, CLASS, "letting go is a conversation with the teacher"),
    Rule(Record.REFLECTION, CLASS, "the goals page promises: your family cannot read it"),
    Rule(Record.HELP_MESSAGE, CLASS, "written to the teacher, to get help"),
    Rule(Record.SELF_ASSESSMENT, CLASS, "an honest rating needs a safe audience"),
    Rule(Record.CONFERENCE, EVERY_READER, "family may know a meeting is planned and why"),
    Rule(Record.SHARED_NOTE, EVERY_READER, "written for the student and their family"),
    Rule(Record.PRIVATE_NOTE, _readers(Reader.TEACHER), "the teacher's own working notes"),
    Rule(Record.SHARED_ARTIFACT, EVERY_READER, "the student chose to share it"),
    Rule(Record.UNSHARED_ARTIFACT, CLASS, "the student chose not to share it"),
)
READERS: dict[Record, frozenset[Reader]] = {rule.record: rule.readers for rule in RULES}


def reader_of(viewer: User | AnonymousUser, student: User) -> Reader | None:
    """How `viewer` stands to `student`, or None when they may read nothing of theirs."""
    if not viewer.is_authenticated:
        return None
    assert isinstance(viewer, User)
    if viewer.pk == student.pk:
        return Reader.STUDENT
    if viewer.role == Role.TEACHER:
        taught = Enrollment.objects.filter(student=student, classroom__teachers=viewer).exists()
        return Reader.TEACHER if taught else None
    if viewer.role == Role.GUARDIAN:
        linked = GuardianLink.objects.filter(guardian=viewer, student=student).exists()
        return Reader.GUARDIAN if linked else None
    if viewer.role == Role.SCHOOL_ADMIN:
        same_school = viewer.school_id is not None and viewer.school_id == student.school_id
        return Reader.OFFICE if same_school else None
    return None


def reader_of_class(manager: User) -> Reader | None:
    """A class page's reader, for someone `schools.access.access_classroom` let in (so a
    teacher teaches the class and an admin runs its school): no query of its own."""
    if manager.role == Role.TEACHER:
        return Reader.TEACHER
    if manager.role == Role.SCHOOL_ADMIN:
        return Reader.OFFICE
    return None


def may_read(reader: Reader | None, record: Record) -> bool:
    if reader is None:
        return False
    return reader in READERS[record]


def goal_record(status: str) -> Record:
    """Which record a goal is, by its status (`goals.GoalStatus` values)."""
    return Record.LET_GO_GOAL if status == "abandoned" else Record.GOAL


def artifact_record(shared_with_family: bool) -> Record:
    return Record.SHARED_ARTIFACT if shared_with_family else Record.UNSHARED_ARTIFACT


def markdown_table() -> str:
    """RULES as the table in docs/privacy.md, between its reading-rules markers."""
    columns = [Reader.STUDENT, Reader.TEACHER, Reader.GUARDIAN, Reader.OFFICE]
    head = ["record", "student", "teacher of the class", "guardian", "school office", "why"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for rule in RULES:
        marks = ["yes" if reader in rule.readers else "**no**" for reader in columns]
        lines.append(f"| {rule.record} | " + " | ".join(marks) + f" | {rule.why} |")
    return "\n".join(lines) + "\n"
