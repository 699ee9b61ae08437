"""What of a student's own words the teacher's pages show to whoever is reading them.

The class dashboard and the student profile are open to the class's teacher and to the
school office. privacy.rules decides which records each may read; these helpers drop
the rest before a template sees them, so no template has to remember the rule.
"""

from __future__ import annotations

from collections.abc import Sequence

from learnloop.privacy.rules import Reader, Record, may_read
from learnloop.teaching.alerts import Alert
from learnloop.teaching.signals import StudentSignals

# kind of alert -> the record it quotes or is computed from
ALERT_RECORDS: dict[str, Record] = {
    "help": Record.HELP_MESSAGE,
    "stuck": Record.PRACTICE,
    "inactive": Record.PRACTICE,
    "over-confident": Record.SELF_ASSESSMENT,
    "under-confident": Record.SELF_ASSESSMENT,
}


def alerts_for_reader(alerts: Sequence[Alert], reader: Reader | None) -> list[Alert]:
    """Alerts about records the reader may read; an unknown kind is the teacher's only."""
    return [
        alert
        for alert in alerts
        if may_read(reader, ALERT_RECORDS.get(alert.kind, Record.PRIVATE_NOTE))
    ]


def signals_for_reader(signals: StudentSignals, reader: Reader | None) -> StudentSignals:
    """Help, ratings, goals and reflections, each kept only if the reader may read it."""
    return StudentSignals(
        help=signals.help if may_read(reader, Record.HELP_MESSAGE) else [],
        ratings=signals.ratings if may_read(reader, Record.SELF_ASSESSMENT) else [],
        goals=signals.goals if may_read(reader, Record.GOAL) else [],
        reflections=signals.reflections if may_read(reader, Record.REFLECTION) else [],
    )
