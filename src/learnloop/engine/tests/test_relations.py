"""Relations between standards, learned from a log and said in words; the hidden-concept
generator behind the relational benchmark."""

from __future__ import annotations

import numpy as np

from learnloop.engine.fitting.log import ResponseLog
from learnloop.engine.relations import (
    Prerequisite,
    learned_prerequisites,
    merge_prerequisites,
    missed_together,
)
from learnloop.engine.simulate_concepts import ConceptWorld, simulate_hidden_concepts


def _log_where_ratios_follow_rates(n_students: int = 200) -> ResponseLog:
    """Everyone does RP.1 then RP.3 then NS.1; weak students miss both RP standards."""
    rng = np.random.default_rng(2)
    students, skills, correct = [], [], []
    for s in range(n_students):
        weak_rp = s % 3 == 0
        for skill, weak in (("6.RP.A.1", weak_rp), ("6.RP.A.3.a", weak_rp), ("6.NS.A.1", False)):
            for _ in range(4):
                students.append(f"s{s}")
                skills.append(skill)
                correct.append(int(rng.random() < (0.2 if weak else 0.85)))
    return ResponseLog.from_records(students, skills, correct)


def test_standards_missed_together_are_found_and_said_in_words() -> None:
    relations = missed_together(_log_where_ratios_follow_rates())
    pairs = {(r.first, r.second) for r in relations}
    assert ("6.RP.A.3.a", "6.RP.A.1") in pairs and ("6.RP.A.1", "6.RP.A.3.a") in pairs
    assert not any("6.NS.A.1" in pair for pair in pairs)
    words = next(r for r in relations if r.first == "6.RP.A.3.a").in_words()
    assert words.startswith("Students who miss 6.RP.A.3.a usually also miss 6.RP.A.1")


def test_learned_prerequisites_follow_the_order_of_work() -> None:
    edges = learned_prerequisites(_log_where_ratios_follow_rates())
    assert [(e.before, e.after) for e in edges] == [("6.RP.A.1", "6.RP.A.3.a")]
    assert "usually comes before 6.RP.A.3.a" in edges[0].in_words()


def test_case_edges_win_over_learned_ones() -> None:
    learned = [
        Prerequisite("A", "B", "learned"),
        Prerequisite("C", "D", "learned"),
        Prerequisite("E", "F", "learned"),
    ]
    merged = merge_prerequisites(learned, [("A", "B"), ("D", "C")])
    assert [(e.before, e.after, e.source) for e in merged] == [
        ("A", "B", "case+learned"),
        ("D", "C", "case"),
        ("E", "F", "learned"),
    ]
    assert merged[1].in_words() == "D comes before C in the framework."


def test_no_relations_in_a_log_with_one_standard() -> None:
    log = ResponseLog.from_records(["a", "a", "b"], ["x", "x", "x"], [1, 0, 1])
    assert missed_together(log) == [] and learned_prerequisites(log) == []


def test_hidden_concept_logs_share_answers_and_hide_the_concept() -> None:
    world = ConceptWorld(n_concepts=3, items_per_concept=4)
    logs = simulate_hidden_concepts(30, 12, np.random.default_rng(0), world)
    assert len(logs.removed) == len(logs.shuffled) == len(logs.oracle) == 360
    assert np.array_equal(logs.removed.correct, logs.oracle.correct)
    assert logs.removed.skill_ids == ("math",)
    assert set(logs.oracle.skill_ids) <= {"concept-0", "concept-1", "concept-2"}
    assert logs.removed.item_ids is not None and all(
        i.startswith("q") for i in logs.removed.item_ids
    )
    assert logs.removed.timestamp is not None
    assert np.all(np.diff(logs.removed.timestamp[:12]) > 0)
