"""Placement: the prior follows the graph, answers move the estimate the right way,
the check stops, and a replay gives the same questions."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from learnloop.engine.placement import (
    KnowledgeStates,
    Outcome,
    PlacementAnswer,
    PlacementCourse,
    PlacementSettings,
    fixed_form,
    knowledge_states,
    learning_order,
    place,
    topological_depth,
)

CHAIN = PlacementCourse(
    tuple(f"s{i}" for i in range(6)), tuple((f"s{i}", f"s{i + 1}") for i in range(5))
)
SMALL = PlacementSettings(states=256)


def states_for(course: PlacementCourse = CHAIN, seed: int = 0) -> KnowledgeStates:
    return knowledge_states(course, np.random.default_rng(seed), SMALL)


def test_depth_and_order_follow_the_prerequisites() -> None:
    course = PlacementCourse(("c", "a", "b"), (("a", "b"), ("b", "c")))
    assert topological_depth(course) == {"a": 0, "b": 1, "c": 2}
    assert learning_order(course) == ("a", "b", "c")


def test_a_cycle_is_broken_not_an_error() -> None:
    course = PlacementCourse(("a", "b"), (("a", "b"), ("b", "a")))
    assert set(learning_order(course)) == {"a", "b"}


def test_a_prerequisite_naming_an_unknown_standard_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown standard"):
        PlacementCourse(("a",), (("a", "z"),))


def test_the_prior_knows_the_first_of_a_chain_more_often_than_the_last() -> None:
    estimate = place(states_for(), [], SMALL)
    assert estimate.probabilities["s0"] > estimate.probabilities["s5"]
    assert not estimate.done and estimate.next_standard is not None


def test_a_right_answer_raises_its_prerequisites_and_not_yet_lowers_what_follows() -> None:
    states = states_for()
    before = place(states, [], SMALL).probabilities
    right = place(states, [PlacementAnswer("s3", Outcome.RIGHT)], SMALL).probabilities
    not_yet = place(states, [PlacementAnswer("s3", Outcome.NOT_YET)], SMALL).probabilities
    assert right["s1"] > before["s1"]
    assert not_yet["s4"] < before["s4"]


def test_a_standard_is_asked_once_and_only_if_askable() -> None:
    states = states_for()
    estimate = place(states, [PlacementAnswer("s2", Outcome.WRONG)], SMALL, askable=["s2", "s4"])
    assert estimate.next_standard == "s4"
    done = place(states, [PlacementAnswer("s2", Outcome.WRONG)], SMALL, askable=["s2"])
    assert done.done and done.next_standard is None


def test_an_answer_on_an_unknown_standard_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown standard"):
        place(states_for(), [PlacementAnswer("zz", Outcome.RIGHT)], SMALL)


def test_the_same_seed_asks_the_same_questions() -> None:
    first = place(states_for(seed=3), [PlacementAnswer("s2", Outcome.RIGHT)], SMALL)
    second = place(states_for(seed=3), [PlacementAnswer("s2", Outcome.RIGHT)], SMALL)
    assert first == second


def test_a_student_who_knows_everything_is_placed_quickly_and_rightly() -> None:
    states, answers = states_for(), list[PlacementAnswer]()
    for _ in range(SMALL.max_questions + 1):
        estimate = place(states, answers, SMALL)
        if estimate.done or estimate.next_standard is None:
            break
        answers.append(PlacementAnswer(estimate.next_standard, Outcome.RIGHT))
    assert estimate.done and len(answers) <= 4
    assert set(estimate.mastered()) == set(CHAIN.standard_ids)


def test_fixed_form_spreads_along_the_order() -> None:
    assert fixed_form(CHAIN, 3) == ("s0", "s2", "s5")
    assert fixed_form(CHAIN, 10) == learning_order(CHAIN)


OUTCOMES = st.sampled_from(list(Outcome))
ANSWERS = st.lists(st.tuples(st.integers(0, 5), OUTCOMES), max_size=8, unique_by=lambda a: a[0])


@settings(max_examples=40, deadline=None)
@given(ANSWERS)
def test_probabilities_stay_in_range_and_a_right_answer_never_lowers_its_standard(
    answers: list[tuple[int, Outcome]],
) -> None:
    states = states_for()
    given_answers = [PlacementAnswer(f"s{i}", outcome) for i, outcome in answers]
    estimate = place(states, given_answers, SMALL)
    assert all(0.0 <= p <= 1.0 for p in estimate.probabilities.values())
    assert estimate.done or len(given_answers) < SMALL.max_questions
    free = next((f"s{i}" for i in range(6) if f"s{i}" not in estimate.asked), None)
    if free is not None:
        after = place(states, [*given_answers, PlacementAnswer(free, Outcome.RIGHT)], SMALL)
        assert after.probabilities[free] >= estimate.probabilities[free] - 1e-12
