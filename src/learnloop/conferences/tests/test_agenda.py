"""The agenda rules, as a pure function over plain facts."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from learnloop.conferences.agenda import (
    AgendaFacts,
    AgendaLine,
    DatedText,
    GoalFact,
    StandardFact,
    WrongAnswerFact,
    build_agenda,
    line_text,
    struggling_keys,
)
from learnloop.engine.levels import Level

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


def days_ago(days: float) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


def test_struggles_are_weak_practiced_standards_or_recent_wrong_answers() -> None:
    facts = AgendaFacts(
        standards=[
            StandardFact("6.RP.A.1", 0.55, 4),  # 4 attempts, below 0.6: struggle
            StandardFact("6.RP.A.2", 0.59, 3),  # too few attempts: not by this rule
            StandardFact("6.RP.A.3", 0.60, 9),  # not below 0.6
            StandardFact("6.NS.A.1", 0.90, 12),  # strong, but a recent wrong answer
        ],
        wrong_answers=[
            WrongAnswerFact("6.NS.A.1", days_ago(2)),
            WrongAnswerFact("6.EE.A.1", days_ago(15)),  # too old
        ],
    )
    assert struggling_keys(facts, NOW) == ["6.RP.A.1", "6.NS.A.1"]


def test_the_fourteen_day_window_is_inclusive_and_ignores_the_future() -> None:
    facts = AgendaFacts(
        wrong_answers=[
            WrongAnswerFact("A", days_ago(14)),
            WrongAnswerFact("B", NOW + dt.timedelta(minutes=1)),
        ]
    )
    assert struggling_keys(facts, NOW) == ["A"]


def test_agenda_order_and_wording() -> None:
    facts = AgendaFacts(
        topic="  ratios are hard ",
        standards=[StandardFact("6.RP.A.2", 0.42, 7, Level.PRACTICING)],
        wrong_answers=[WrongAnswerFact("6.RP.A.2", days_ago(1))] * 3,
        goals=[
            GoalFact("Master unit rates", dt.date(2026, 12, 11), 0.4),
            GoalFact("Read every day"),
        ],
        help_requests=[DatedText("I don't get unit price", days_ago(1), "6.RP.A.2")],
        reflections=[DatedText("Tables help me", days_ago(3)), DatedText("old", days_ago(30))],
        portfolio=[DatedText("Recipe poster", days_ago(5))],
    )
    lines = build_agenda(facts, NOW)
    assert [line.kind for line in lines] == [
        "topic",
        "help",
        "struggle",
        "goal",
        "goal",
        "reflection",
        "portfolio",
    ]
    assert lines[0].text == "Asked to talk about: ratios are hard"
    assert lines[1].text == "Asked for help: “I don't get unit price”"
    assert lines[2] == AgendaLine(
        "struggle",
        "Struggling with 6.RP.A.2: 3 wrong answers in the last 14 days; "
        "level Practicing, mastery 42% after 7 attempts",
        "6.RP.A.2",
        facts={"code": "6.RP.A.2", "wrong": 3, "attempts": 7, "level": 1, "percent": 42},
    )
    assert lines[3].text == "Goal: Master unit rates (by 11 Dec, 40% there)"
    assert lines[4].text == "Goal: Read every day"


def test_sections_are_capped_and_long_text_is_shortened() -> None:
    facts = AgendaFacts(
        help_requests=[DatedText(f"help {i}", days_ago(i)) for i in range(6)],
        wrong_answers=[WrongAnswerFact(f"S.{i}", days_ago(1)) for i in range(9)],
        reflections=[DatedText("word " * 60, days_ago(1))],
    )
    lines = build_agenda(facts, NOW)
    assert [line.text for line in lines if line.kind == "help"] == [
        "Asked for help: “help 0”",
        "Asked for help: “help 1”",
        "Asked for help: “help 2”",
    ]
    assert sum(line.kind == "struggle" for line in lines) == 4
    (reflection,) = [line for line in lines if line.kind == "reflection"]
    assert reflection.text.endswith("…”") and len(reflection.text) < 140


def test_no_facts_no_agenda_and_lines_round_trip() -> None:
    assert build_agenda(AgendaFacts(topic="   "), NOW) == []
    line = AgendaLine("struggle", "x", "6.RP.A.2", {"n": 1})
    assert AgendaLine.from_dict(line.to_dict()) == line


def test_a_line_made_in_english_reads_in_spanish_from_its_facts() -> None:
    facts = AgendaFacts(
        standards=[StandardFact("6.RP.A.2", 0.42, 7, Level.PRACTICING)],
        goals=[GoalFact("Master unit rates", dt.date(2026, 12, 11), 0.4)],
        help_requests=[DatedText("no entiendo", days_ago(1))],
    )
    with translation.override("en"):
        lines = [AgendaLine.from_dict(line.to_dict()) for line in build_agenda(facts, NOW)]
    with translation.override("es"):
        spanish = [line_text(line) for line in lines]
    assert spanish == [
        "Pidió ayuda: “no entiendo”",
        "Le cuesta 6.RP.A.2: nivel Practicando, dominio del 42% tras 7 intentos",
        "Meta: Master unit rates (para el 11 de dic., al 40%)",
    ]
    assert [line.text for line in lines][2] == "Goal: Master unit rates (by 11 Dec, 40% there)"


def test_a_line_stored_without_facts_reads_as_written() -> None:
    old = AgendaLine.from_dict({"kind": "goal", "text": "Goal: Read (by Dec 11)"})
    assert old.as_written
    with translation.override("es"):
        assert line_text(old) == "Goal: Read (by Dec 11)"
        assert old.kind_label == "Meta"


def test_a_struggle_on_an_oatutor_skill_reads_in_words() -> None:
    skill = "solve_equations_using_the_division_property_of_equality"
    facts = AgendaFacts(standards=[StandardFact(skill, 0.3, 5, Level.PRACTICING)])
    (line,) = build_agenda(facts, NOW)
    assert line.code == skill  # the fact keeps the code
    text = line_text(line)
    assert skill not in text
    assert text.startswith("Struggling with Solve equations using the division property of")


def test_standards_with_no_code_or_the_same_code_stay_apart_and_read_by_name() -> None:
    """An imported framework may leave codes out, and two frameworks may share one: the
    agenda tells standards apart by id and names each as pages do (found reading the
    agenda's facts: keyed by code, two codeless standards made one line "with : ...")."""
    facts = AgendaFacts(
        standards=[
            StandardFact("", 0.3, 5, Level.PRACTICING, 11, "Add fractions"),
            StandardFact("", 0.4, 6, Level.PRACTICING, 12, "Compare decimals"),
            StandardFact("1.1", 0.5, 7, Level.PRACTICING, 13, "1.1"),
        ],
        wrong_answers=[
            WrongAnswerFact("1.1", days_ago(1), 14, "1.1"),  # another framework's 1.1
            WrongAnswerFact("", days_ago(1), 11, "Add fractions"),
        ],
    )
    lines = build_agenda(facts, NOW)
    assert [line.extra.get("standard_id") for line in lines] == [14, 11, 12, 13]
    texts = [line_text(line) for line in lines]
    assert texts[0] == "Struggling with 1.1: 1 wrong answer in the last 14 days"
    assert texts[1].startswith("Struggling with Add fractions: 1 wrong answer")
    assert texts[2].startswith("Struggling with Compare decimals: level Practicing")
    assert texts[3].startswith("Struggling with 1.1: level Practicing")
    with translation.override("es"):
        assert line_text(lines[1]).startswith("Le cuesta Add fractions: ")
