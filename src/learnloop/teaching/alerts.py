"""Alerts on the class dashboard, each with a suggested move for tomorrow.

Thresholds (docs/teaching.md explains each):
- stuck: at least STUCK_ATTEMPTS answers on a standard in the last STUCK_DAYS days,
  mastery still below STUCK_BELOW (the engine's "familiar" line);
- inactive: no answer in INACTIVE_DAYS days (or none at all);
- asked for help: an open help request (goals app, through teaching.signals);
- over- or under-confident: the latest self-assessment (1-4) and the engine's level on
  the same 1-4 scale differ by CALIBRATION_GAP steps or more.

A fixed number of queries whatever the class size.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from learnloop.accounts.models import User
from learnloop.core.bidi import ltr_text
from learnloop.engine.levels import (
    CALIBRATION_GAP,
    LEVEL_RULES,
    Level,
    calibration_gap,
    self_assessment_step,
)
from learnloop.learning.level_names import level_name
from learnloop.learning.models import MasteryState, Response
from learnloop.learning.standing import levels_for
from learnloop.privacy.scope import Scope
from learnloop.standards.models import Standard
from learnloop.teaching.signals import StudentSignals, signals_for_students

STUCK_ATTEMPTS = 6
STUCK_DAYS = 14
STUCK_BELOW = next(r.min_probability for r in LEVEL_RULES if r.level == Level.FAMILIAR)
INACTIVE_DAYS = 7
KIND_ORDER = ("help", "stuck", "inactive", "over-confident", "under-confident")


@dataclass(frozen=True)
class Alert:
    kind: str
    student: User
    seen: str  # what we noticed
    move: str  # what the teacher might do about it
    standard: Standard | None = None

    @property
    def title(self) -> str:
        return self.kind.replace("-", " ").capitalize()


def alerts_for_classroom(
    students: Sequence[User], standards: Sequence[Standard], now: dt.datetime, *, scope: Scope
) -> list[Alert]:
    """`scope` is the class's (privacy.scope.scope_of_classroom): another class's help
    requests and ratings are not this class's alerts."""
    by_id = {s.pk: s for s in standards}
    ids = [s.pk for s in students]
    signals = signals_for_students(ids, scope)
    found = [
        *help_alerts(students, by_id, signals),
        *stuck_alerts(students, by_id, now),
        *inactive_alerts(students, now),
        *calibration_alerts(students, by_id, signals),
    ]
    return sorted(
        found,
        key=lambda a: (
            KIND_ORDER.index(a.kind),
            a.student.last_name,
            a.student.first_name,
            a.standard.code if a.standard else "",
        ),
    )


def first_name(student: User) -> str:
    return student.first_name or student.name


def stuck_alerts(
    students: Sequence[User], standards: dict[int, Standard], now: dt.datetime
) -> list[Alert]:
    since = now - dt.timedelta(days=STUCK_DAYS)
    recent = Response.objects.filter(
        student__in=[s.pk for s in students], created_at__gte=since
    ).values_list("student_id", "standard_ids")
    attempts: Counter[tuple[int, int]] = Counter()
    for student_id, standard_ids in recent:
        for standard_id in standard_ids or ():
            if standard_id in standards:
                attempts[(student_id, standard_id)] += 1
    busy = {key for key, count in attempts.items() if count >= STUCK_ATTEMPTS}
    if not busy:
        return []
    low = MasteryState.objects.filter(
        student__in={k[0] for k in busy},
        standard__in={k[1] for k in busy},
        mastery__lt=STUCK_BELOW,
    ).values_list("student_id", "standard_id", "mastery")
    people = {s.pk: s for s in students}
    alerts = []
    for student_id, standard_id, mastery in low:
        if (student_id, standard_id) not in busy:
            continue
        student, standard = people[student_id], standards[standard_id]
        alerts.append(
            Alert(
                "stuck",
                student,
                _(
                    "%(answers)d answers on %(code)s in %(days)d days, "
                    "practice’s estimate still %(estimate)s"
                )
                % {
                    "answers": attempts[(student_id, standard_id)],
                    "code": ltr_text(standard.label),
                    "days": STUCK_DAYS,
                    "estimate": f"{mastery:.0%}",
                },
                _("Pull %(name)s for a small-group lesson on %(code)s")
                % {"name": first_name(student), "code": ltr_text(standard.label)},
                standard,
            )
        )
    return alerts


def inactive_alerts(students: Sequence[User], now: dt.datetime) -> list[Alert]:
    last = dict(
        Response.objects.filter(student__in=[s.pk for s in students])
        .values("student_id")
        .annotate(last=Max("created_at"))
        .values_list("student_id", "last")
    )
    alerts = []
    for student in students:
        when = last.get(student.pk)
        if when is not None and now - when < dt.timedelta(days=INACTIVE_DAYS):
            continue
        if when is None:
            seen = _("No answers yet")
        else:
            days = (now - when).days
            seen = ngettext("No answers for %(days)d day", "No answers for %(days)d days", days) % {
                "days": days
            }
        move = _("Check in with %(name)s") % {"name": first_name(student)}
        alerts.append(Alert("inactive", student, seen, move))
    return alerts


def help_alerts(
    students: Sequence[User], standards: dict[int, Standard], signals: StudentSignals
) -> list[Alert]:
    people = {s.pk: s for s in students}
    alerts = []
    for request in signals.help:
        student = people.get(request.student_id)
        if student is None:
            continue
        standard = standards.get(request.standard_id) if request.standard_id else None
        name = first_name(student)
        if standard:
            seen = _("Asked for help on %(code)s: “%(text)s”") % {
                "code": ltr_text(standard.label),
                "text": request.text,
            }
            move = _("Answer %(name)s's request on %(code)s before the next lesson") % {
                "name": name,
                "code": ltr_text(standard.label),
            }
        else:
            seen = _("Asked for help: “%(text)s”") % {"text": request.text}
            move = _("Answer %(name)s's request before the next lesson") % {"name": name}
        alerts.append(Alert("help", student, seen, move, standard))
    return alerts


def calibration_alerts(
    students: Sequence[User], standards: dict[int, Standard], signals: StudentSignals
) -> list[Alert]:
    """Self-assessment far from the engine's level: a conversation, not a correction."""
    people = {s.pk: s for s in students}
    wanted = [r for r in signals.ratings if r.student_id in people and r.standard_id in standards]
    if not wanted:
        return []
    levels = levels_for({r.student_id for r in wanted}, {r.standard_id for r in wanted})
    alerts = []
    for rating in wanted:
        level = levels.get((rating.student_id, rating.standard_id), Level.NOT_STARTED)
        gap = calibration_gap(rating.rating, level)
        if abs(gap) < CALIBRATION_GAP:
            continue
        student, standard = people[rating.student_id], standards[rating.standard_id]
        seen = _("Rates %(code)s at %(rating)s of 4; their level is %(level)s (%(step)s of 4)") % {
            "code": ltr_text(standard.label),
            "rating": rating.rating,
            "level": level_name(level).lower(),
            "step": self_assessment_step(level),
        }
        words = {"name": first_name(student), "code": ltr_text(standard.label)}
        if gap > 0:
            move = (
                _("Ask %(name)s to show a worked example on %(code)s, then look at it together")
                % words
            )
            alerts.append(Alert("over-confident", student, seen, move, standard))
        else:
            move = (
                _("Show %(name)s the evidence on %(code)s: more is there than %(name)s thinks")
                % words
            )
            alerts.append(Alert("under-confident", student, seen, move, standard))
    return alerts
