"""A class's common mistakes over a window: per standard, the wrong answers most
students gave, who gave them, the misconception a choice names, and suggested moves.

Two answers are one mistake when the grader reads them as the same answer
(`content.wrong_answers`). A fixed number of queries whatever the class size or the
number of answers: the students, the standards, the wrong answers in the window, their
items (with choices) and the lessons on those standards are read once each.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from learnloop.accounts.models import User
from learnloop.content.grading import Answer
from learnloop.content.grading_adapter import spec_for_item
from learnloop.content.models import Activity, ActivityKind, Item
from learnloop.content.wrong_answers import Mistake, group_wrong_answers
from learnloop.learning.models import Response
from learnloop.schools.models import Classroom
from learnloop.standards.codes import code_order
from learnloop.standards.models import Standard
from learnloop.teaching.selectors import activities_for_classroom

WINDOW_DAYS = 7
MISTAKES_PER_STANDARD = 3


@dataclass
class ItemMistake:
    """One wrong answer to one item, and the students who gave it."""

    item: Item
    mistake: Mistake
    students: list[User]
    misconception: str = ""
    form_id: uuid.UUID = field(default_factory=uuid.uuid4)  # the assign form's client id

    @property
    def names(self) -> str:
        return names_sentence([first_name(s) for s in self.students])

    @property
    def student_ids(self) -> str:
        return ",".join(str(s.pk) for s in self.students)


@dataclass
class StandardMistakes:
    standard: Standard
    mistakes: list[ItemMistake] = field(default_factory=list)
    lesson: Activity | None = None

    @property
    def student_count(self) -> int:
        return len({s.pk for m in self.mistakes for s in m.students})


@dataclass(frozen=True)
class MistakeReport:
    since: dt.datetime
    days: int
    standards: list[StandardMistakes]
    wrong_answers: int

    def for_standard(self, standard_id: int) -> StandardMistakes | None:
        return next((s for s in self.standards if s.standard.pk == standard_id), None)


def mistakes_for_classroom(
    classroom: Classroom,
    students: Sequence[User],
    standards: Sequence[Standard],
    now: dt.datetime,
    *,
    days: int = WINDOW_DAYS,
    per_standard: int = MISTAKES_PER_STANDARD,
) -> MistakeReport:
    """The class's common mistakes on `standards` in the last `days` days."""
    since = now - dt.timedelta(days=days)
    people = {s.pk: s for s in students}
    by_id = {s.pk: s for s in standards}
    rows = list(
        Response.objects.filter(student__in=list(people), correct=False, created_at__gte=since)
        .order_by("created_at", "pk")
        .values_list("student_id", "item_id", "answer")
    )
    answers: dict[int, list[tuple[int, Answer]]] = defaultdict(list)
    for student_id, item_id, answer in rows:
        answers[item_id].append((student_id, answer))
    item_standards: dict[int, set[int]] = defaultdict(set)
    for item_id, standard_id in Item.standards.through.objects.filter(
        item_id__in=list(answers), standard_id__in=list(by_id)
    ).values_list("item_id", "standard_id"):
        item_standards[item_id].add(standard_id)
    items = Item.objects.filter(pk__in=list(item_standards)).prefetch_related("choices")
    found: dict[int, StandardMistakes] = {}
    for item in items:
        for item_mistake in _item_mistakes(item, answers[item.pk], people):
            for standard_id in item_standards[item.pk]:
                entry = found.setdefault(standard_id, StandardMistakes(by_id[standard_id]))
                entry.mistakes.append(item_mistake)
    for entry in found.values():
        entry.mistakes.sort(key=lambda m: (-len(m.students), -m.mistake.times, m.item.pk))
        del entry.mistakes[per_standard:]
    _attach_lessons(classroom, found)
    ordered = sorted(found.values(), key=lambda e: (-e.student_count, code_order(e.standard)))
    return MistakeReport(since, days, ordered, len(rows))


def _item_mistakes(
    item: Item, answers: list[tuple[int, Answer]], people: dict[int, User]
) -> list[ItemMistake]:
    spec = spec_for_item(item)
    feedback = {c.identifier: c.feedback for c in item.choices.all()}
    result = []
    for mistake in group_wrong_answers(spec, answers):
        names = [feedback.get(key, "") for key in mistake.choice_keys]
        result.append(
            ItemMistake(
                item=item,
                mistake=mistake,
                students=sorted(
                    (people[i] for i in mistake.student_ids),
                    key=lambda s: (s.last_name, s.first_name, s.pk),
                ),
                misconception=" ".join(n for n in names if n),
            )
        )
    return result


def _attach_lessons(classroom: Classroom, found: dict[int, StandardMistakes]) -> None:
    """The first published lesson on each standard (one query, with its standards)."""
    if not found:
        return
    lessons = (
        activities_for_classroom(classroom, list(found))
        .filter(kind=ActivityKind.LESSON)
        .prefetch_related(Prefetch("standards", queryset=Standard.objects.only("pk")))
    )
    for lesson in lessons:
        for standard in lesson.standards.all():
            entry = found.get(standard.pk)
            if entry is not None and entry.lesson is None:
                entry.lesson = lesson


def first_name(student: User) -> str:
    return student.first_name or student.name


def names_sentence(names: Sequence[str]) -> str:
    """'Maya', 'Maya and Leila', 'Maya, Leila and Ethan'."""
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
