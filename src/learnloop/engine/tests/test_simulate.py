"""Simulated learners: shapes, determinism, and that the parameters show in the data."""

from __future__ import annotations

import numpy as np

from learnloop.engine.simulate import InteractiveLearner, random_skills, simulate, simulate_irt
from learnloop.engine.tracing import BKTParams


def test_same_seed_same_learners() -> None:
    skills = random_skills(3, np.random.default_rng(0))
    first = simulate(skills, 20, 5, np.random.default_rng(42), ability_sd=1.0)
    second = simulate(skills, 20, 5, np.random.default_rng(42), ability_sd=1.0)
    assert first.shape == (20, 3, 5)
    np.testing.assert_array_equal(first.correct, second.correct)


def test_bkt_rates_show_in_the_data() -> None:
    skill = BKTParams(prior=0.0, learn=0.0, guess=0.2, slip=0.1)
    never = simulate([skill], 4000, 3, np.random.default_rng(1))
    assert abs(never.correct.mean() - 0.2) < 0.02 and not never.mastered_after.any()
    always = simulate([BKTParams(prior=1.0, learn=0.0, guess=0.2, slip=0.1)], 4000, 3,
                      np.random.default_rng(1))  # fmt: skip
    assert abs(always.correct.mean() - 0.9) < 0.02


def test_learning_moves_state_forward_only_without_forgetting() -> None:
    learners = simulate([BKTParams(prior=0.1, learn=0.3)], 500, 10, np.random.default_rng(5))
    after = learners.mastered_after[:, 0, :]
    assert np.all(after[:, 1:] >= after[:, :-1])
    np.testing.assert_array_equal(learners.mastered_before[:, 0, 1:], after[:, :-1])


def test_to_log_orders_each_students_attempts() -> None:
    learners = simulate(random_skills(2, np.random.default_rng(0)), 3, 4, np.random.default_rng(0))
    log = learners.to_log()
    assert len(log) == 24 and log.student_ids[0] == "sim-0"
    assert log.skill[:8].tolist() == [0, 0, 0, 0, 1, 1, 1, 1]


def test_irt_harder_items_are_answered_less() -> None:
    answers = simulate_irt(np.zeros(5000), np.array([-2.0, 0.0, 2.0]), np.random.default_rng(9))
    rates = answers.mean(axis=0)
    assert rates[0] > rates[1] > rates[2]


def test_an_interactive_learner_follows_bkt_one_answer_at_a_time() -> None:
    rng = np.random.default_rng(7)
    sure = BKTParams(prior=0.0, learn=1.0, guess=0.0, slip=0.0)
    learner = InteractiveLearner.start(sure, rng)
    first, learner = learner.answer(rng)
    second, learner = learner.answer(rng)
    assert (first, second) == (False, True)  # guess 0, then learned after one attempt
    never = InteractiveLearner.start(BKTParams(prior=0.0, learn=0.0), rng, study_gain=1.0)
    assert not never.learned and never.study(rng).learned
    rates = [InteractiveLearner.start(BKTParams(prior=0.3), rng).learned for _ in range(4000)]
    assert abs(sum(rates) / len(rates) - 0.3) < 0.03
