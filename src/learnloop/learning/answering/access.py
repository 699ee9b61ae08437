"""May this student answer this item in this activity? The one check both entrances use.

`activity_verdict` is the rule for "may this student open, and answer in, this
activity" (the practice page opens activities through `learning.access`, which asks
it); `may_answer` adds the item's rule. The JSON endpoint and the practice page both
reach `may_answer` through `service.answer_item`, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext

from learnloop.accounts.models import User
from learnloop.content.grading import ChoiceSpec
from learnloop.content.models import Status
from learnloop.core.slots import Slot
from learnloop.learning.answering import batch_queries, queries
from learnloop.learning.answering.parsing import AnswerError
from learnloop.learning.answering.queries import ItemRow, PublishedItem
from learnloop.learning.catalog import (
    framework_ids_for_student,
    knows_framework_ids,
    remember_framework_ids,
)
from learnloop.standards.naming import standard_name

AssignedCheck = Callable[[User, int], bool]
# Other apps say whether an activity was assigned to a student (teaching registers one in
# its AppConfig.ready()); learning never imports them. Asked only when the frameworks
# rule says no, so the answer path pays nothing for them.
ASSIGNED_CHECKS: Slot[AssignedCheck] = Slot(
    "learning.assigned_checks",
    doc="was this activity assigned to this student? (opens it beyond their frameworks)",
    query_budget=1,
)


@dataclass(frozen=True)
class Verdict:
    status: int  # 200 may; 404 no such published activity for this student; 403 not theirs
    message: str = ""


ALLOWED = Verdict(200)


def is_row_id(value: int) -> bool:
    """Could be a row's id (a 64-bit auto key)? A bigger number would not fail the lookup
    but the driver (SQLite's raises OverflowError), so it is refused before."""
    return 0 < value < 2**63


def activity_verdict(student: User, activity_id: int) -> Verdict:
    """May the student open and answer in this activity?

    Published; shared (no school) or of the student's school; and open to them (aligned
    to a framework their classes follow) or assigned to them. One literal statement (it
    runs on every answer; the first check of a request reads the student's frameworks in
    the same statement); a yes is kept on the User instance for the request, as
    `framework_ids_for_student` keeps the frameworks, so the page's check and the
    service's are one query.
    """
    allowed: set[int] | None = getattr(student, "_learnloop_open_activities", None)
    if allowed is None:
        allowed = set()
        student._learnloop_open_activities = allowed  # type: ignore[attr-defined]
    if activity_id in allowed:
        return ALLOWED
    if not is_row_id(activity_id):
        return Verdict(404, f"no published activity {activity_id}")
    if knows_framework_ids(student):
        frameworks = queries.activity_frameworks(activity_id, Status.PUBLISHED, student.school_id)
    else:  # the first check of the request reads the student's frameworks with it
        frameworks, student_frameworks = queries.activity_and_student_frameworks(
            activity_id, Status.PUBLISHED, student.school_id, student.pk
        )
        remember_framework_ids(student, student_frameworks)
    if frameworks is None:
        return Verdict(404, f"no published activity {activity_id}")
    if not frameworks.intersection(framework_ids_for_student(student)) and not any(
        check(student, activity_id) for check in ASSIGNED_CHECKS
    ):
        return Verdict(403, f"activity {activity_id} is not part of your classes")
    allowed.add(activity_id)
    return ALLOWED


@dataclass(frozen=True)
class Answerable:
    """An item the student may answer, its standards' names (as people read them) by id,
    where it is answered, and its choices as values (empty unless it is a choice item)."""

    item: ItemRow
    standard_names: dict[int, str]
    activity_id: int | None
    choices: tuple[ChoiceSpec, ...] = ()


def may_answer(student: User, item_id: int, activity_id: int | None) -> Answerable:
    """May this student answer this item in this activity (when given)?

    The activity passes `activity_verdict`. The item is published, shared or of the
    student's school, and on a framework of the student's classes or in that activity.
    A missing or other school's item or activity is a 404 (`AnswerError.status`), one
    that is there but not the student's a 403. A choice item comes with its choices
    (`ChoiceSpec` values, read in one statement), for grading and the feedback page.
    """
    if not is_row_id(item_id):
        raise AnswerError(
            "item_id", gettext("no published item %(id)s is available to you") % {"id": item_id}
        )
    if activity_id is not None:
        _check_activity(student, activity_id)
    if knows_framework_ids(student):
        found, _ = queries.published_item(item_id, Status.PUBLISHED)
    else:  # the first check of the request reads the student's frameworks with it
        found, student_frameworks = queries.published_item(item_id, Status.PUBLISHED, student.pk)
        if student_frameworks is not None:
            remember_framework_ids(student, student_frameworks)
    return _answerable(
        student,
        item_id,
        found,
        activity_id,
        lambda: activity_id is not None and queries.item_in_activity(item_id, activity_id),
    )


Asked = tuple[int, int | None]  # (item id, activity id or None)


def may_answer_many(student: User, asked: Iterable[Asked]) -> dict[Asked, Answerable | AnswerError]:
    """`may_answer` for many (item, activity) pairs at once, as a synced batch asks: the
    same rules, each pair's verdict (an `Answerable` or the `AnswerError` it would
    raise). The items are read together (`batch_queries`), so the statements do not
    grow with the number of pairs; each distinct activity is checked once."""
    pairs = list(dict.fromkeys(asked))
    refused_activities: dict[int, AnswerError] = {}
    for activity_id in {a for _, a in pairs if a is not None}:
        try:
            _check_activity(student, activity_id)
        except AnswerError as error:
            refused_activities[activity_id] = error
    item_ids = sorted({item_id for item_id, _ in pairs if is_row_id(item_id)})
    found = batch_queries.published_items(item_ids, Status.PUBLISHED)
    student_frameworks = framework_ids_for_student(student)
    off_frameworks = [
        (item_id, activity_id)
        for item_id, activity_id in pairs
        if item_id in found
        and activity_id is not None
        and activity_id not in refused_activities
        and not {s.framework_id for s in found[item_id].standards}.intersection(student_frameworks)
    ]
    in_activity = batch_queries.items_in_activities(off_frameworks)
    verdicts: dict[Asked, Answerable | AnswerError] = {}
    for item_id, activity_id in pairs:
        try:
            if not is_row_id(item_id):
                raise AnswerError(
                    "item_id",
                    gettext("no published item %(id)s is available to you") % {"id": item_id},
                )
            if activity_id is not None and activity_id in refused_activities:
                raise refused_activities[activity_id]
            verdicts[(item_id, activity_id)] = _answerable(
                student,
                item_id,
                found.get(item_id),
                activity_id,
                lambda pair=(item_id, activity_id): pair in in_activity,
            )
        except AnswerError as error:
            verdicts[(item_id, activity_id)] = error
    return verdicts


def _check_activity(student: User, activity_id: int) -> None:
    verdict = activity_verdict(student, activity_id)
    if verdict.status != 200:
        raise AnswerError("activity_id", verdict.message, verdict.status)


def _answerable(
    student: User,
    item_id: int,
    found: PublishedItem | None,
    activity_id: int | None,
    in_activity: Callable[[], bool],
) -> Answerable:
    """The item's rule, one condition per line: published and visible to the student's
    school, then on a framework of their classes or (asked only then) in the activity."""
    if found is None or found.item.school_id not in (None, student.school_id):
        raise AnswerError(
            "item_id",
            gettext("no published item %(id)s is available to you") % {"id": item_id},
            404,
        )
    frameworks = {standard.framework_id for standard in found.standards}
    if not frameworks.intersection(framework_ids_for_student(student)) and not in_activity():
        raise AnswerError(
            "item_id",
            gettext("item %(id)s is not on the standards of your classes") % {"id": item_id},
            403,
        )
    names = {s.standard_id: standard_name(s.code, s.abbreviated_statement) for s in found.standards}
    return Answerable(found.item, names, activity_id, found.choices)
