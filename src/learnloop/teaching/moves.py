"""Alerts become moves: the dashboard's "stuck" alerts, clustered by standard and by the
wrong answer the students share, so that nine cards become one suggestion such as
"Pull Maya, Leila and Ethan for 6.RP.A.1 (all stuck, same mistake: 5:3)".

`stuck_moves` is pure over the stuck alerts and the class's mistake report for the
alerts' window; `moves_for_dashboard` reads that report (a fixed number of queries) only
when someone is stuck.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from learnloop.accounts.models import User
from learnloop.core.bidi import ltr_text
from learnloop.schools.models import Classroom
from learnloop.standards.models import Standard
from learnloop.teaching.alerts import STUCK_DAYS, Alert
from learnloop.teaching.mistakes import (
    ItemMistake,
    MistakeReport,
    first_name,
    mistakes_for_classroom,
    names_sentence,
)

MISTAKES_FOR_MOVES = 20  # per standard: enough to find every shared wrong answer


@dataclass(frozen=True)
class StuckMove:
    """Students stuck on one standard, pulled together; `mistake` when they share one."""

    standard: Standard
    students: tuple[User, ...]
    mistake: ItemMistake | None = None

    @property
    def text(self) -> str:
        names = names_sentence([first_name(s) for s in self.students])
        code = ltr_text(self.standard.label)
        if len(self.students) == 1:
            return _("Pull %(names)s for a small-group lesson on %(code)s") % {
                "names": names,
                "code": code,
            }
        stuck = _("both stuck") if len(self.students) == 2 else _("all stuck")
        if self.mistake is None:
            return _("Pull %(names)s for %(code)s (%(stuck)s)") % {
                "names": names,
                "code": code,
                "stuck": stuck,
            }
        return _("Pull %(names)s for %(code)s (%(stuck)s, same mistake: %(answer)s)") % {
            "names": names,
            "code": code,
            "stuck": stuck,
            "answer": self.mistake.mistake.shown,
        }

    @property
    def student_ids(self) -> str:
        return ",".join(str(s.pk) for s in self.students)

    @property
    def group_name(self) -> str:
        if self.mistake is not None:
            return f"{self.standard.label}: {self.mistake.mistake.shown}"[:80]
        return _("%(code)s small group") % {"code": ltr_text(self.standard.label)}


def moves_for_dashboard(
    classroom: Classroom,
    students: Sequence[User],
    standards: Sequence[Standard],
    alerts: Sequence[Alert],
    now: dt.datetime,
) -> list[StuckMove]:
    """The stuck alerts as moves; the mistakes are read only when someone is stuck."""
    if not any(alert.kind == "stuck" for alert in alerts):
        return []
    report = mistakes_for_classroom(
        classroom, students, standards, now, days=STUCK_DAYS, per_standard=MISTAKES_FOR_MOVES
    )
    return stuck_moves(alerts, report)


def stuck_moves(alerts: Sequence[Alert], report: MistakeReport) -> list[StuckMove]:
    """One move per standard and shared mistake for the stuck alerts, largest first."""
    stuck: dict[int, list[User]] = {}
    standards: dict[int, Standard] = {}
    for alert in alerts:
        if alert.kind == "stuck" and alert.standard is not None:
            stuck.setdefault(alert.standard.pk, []).append(alert.student)
            standards[alert.standard.pk] = alert.standard
    moves = []
    for standard_id, students in stuck.items():
        moves.extend(_moves_for_standard(standards[standard_id], students, report))
    return sorted(moves, key=lambda m: (-len(m.students), m.standard.code))


def _moves_for_standard(
    standard: Standard, students: list[User], report: MistakeReport
) -> list[StuckMove]:
    left = {s.pk: s for s in students}
    entry = report.for_standard(standard.pk)
    moves = []
    for mistake in entry.mistakes if entry else ():
        shared = [s for s in mistake.students if s.pk in left]
        if len(shared) >= 2:
            moves.append(StuckMove(standard, tuple(shared), mistake))
            for student in shared:
                del left[student.pk]
    rest = sorted(left.values(), key=lambda s: (s.last_name, s.first_name, s.pk))
    if rest:
        moves.append(StuckMove(standard, tuple(rest)))
    return moves
