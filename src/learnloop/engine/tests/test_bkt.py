"""BKT: golden values, parameter recovery, and the properties mastery must keep."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from learnloop.engine.fitting.bkt_em import EMSettings
from learnloop.engine.fitting.evaluate import replay_online
from learnloop.engine.simulate import simulate
from learnloop.engine.tracing import BKT, BKTParams, Observation
from learnloop.engine.tracing.bkt import bkt_p_correct, bkt_step, mastery_path

GOLDEN = [  # (P(correct) before, P(learned) after) for 1, 0, 1, 1, 0 with defaults
    (0.48000000000000004, 0.775),
    (0.7425, 0.370873786407767),
    (0.45961165048543695, 0.7536121673003802),
    (0.7275285171102661, 0.9390404515522106),
    (0.8573283160865475, 0.6923644995384408),
]

probability = st.floats(0.0, 1.0)
below_half = st.floats(0.001, 0.499)


def test_golden_sequence_online() -> None:
    model = BKT()
    model.default_params_ = BKTParams()
    model.skill_params_ = {}
    state = model.initial_state("fractions")
    for correct, (p_before, mastery_after) in zip(
        [True, False, True, True, False], GOLDEN, strict=True
    ):
        assert model.predict_correct(state) == pytest.approx(p_before, abs=1e-12)
        state = model.update(state, Observation(skill_id="fractions", correct=correct))
        assert model.mastery(state) == pytest.approx(mastery_after, abs=1e-12)
    assert state.skill.attempts == 5 and state.skill.successes == 3


@given(probability, st.booleans(), below_half, below_half, below_half, st.floats(0.0, 0.5))
def test_mastery_stays_a_probability(
    mastery: float, correct: bool, learn: float, guess: float, slip: float, forget: float
) -> None:
    params = BKTParams(prior=0.5, learn=learn, guess=guess, slip=slip, forget=forget)
    assert 0.0 <= bkt_step(mastery, correct, params) <= 1.0
    assert 0.0 <= bkt_p_correct(mastery, params) <= 1.0


@given(probability, below_half, below_half, below_half)
def test_correct_answer_never_lowers_mastery(
    mastery: float, learn: float, guess: float, slip: float
) -> None:
    params = BKTParams(prior=0.5, learn=learn, guess=guess, slip=slip)
    assert bkt_step(mastery, True, params) >= mastery - 1e-12


@given(probability, below_half, below_half, below_half, st.floats(0.0, 0.5))
def test_correct_beats_wrong_even_with_forgetting(
    mastery: float, learn: float, guess: float, slip: float, forget: float
) -> None:
    params = BKTParams(prior=0.5, learn=learn, guess=guess, slip=slip, forget=forget)
    assert bkt_step(mastery, True, params) >= bkt_step(mastery, False, params) - 1e-12


def test_em_recovers_simulated_parameters() -> None:
    truth = [
        BKTParams(prior=0.2, learn=0.15, guess=0.2, slip=0.1),
        BKTParams(prior=0.4, learn=0.05, guess=0.25, slip=0.15),
    ]
    log = simulate(truth, 1500, 25, np.random.default_rng(7)).to_log()
    model = BKT(EMSettings(max_iter=200, tol=1e-8, pseudo_count=0.0)).fit(log)
    for k, expected in enumerate(truth):
        fitted = model.skill_params(f"skill-{k}")
        for name in ("prior", "learn", "guess", "slip"):
            assert getattr(fitted, name) == pytest.approx(getattr(expected, name), abs=0.04)


def test_guess_and_slip_stay_below_bounds() -> None:
    noisy = [BKTParams(prior=0.5, learn=0.01, guess=0.6, slip=0.45)]
    log = simulate(noisy, 300, 10, np.random.default_rng(3)).to_log()
    fitted = BKT(EMSettings(max_guess=0.3, max_slip=0.3)).fit(log).skill_params("skill-0")
    assert fitted.guess <= 0.3 and fitted.slip <= 0.3


def test_batch_prediction_matches_online_replay() -> None:
    skills = [BKTParams(prior=0.3, learn=0.2, guess=0.2, slip=0.1)] * 3
    log = simulate(skills, 40, 8, np.random.default_rng(1)).to_log()
    model = BKT(EMSettings(fit_forgetting=True)).fit(log)
    online, _ = replay_online(model, log)
    np.testing.assert_allclose(model.predict_proba(log), online, atol=1e-10)


def test_params_round_trip_through_json() -> None:
    log = simulate([BKTParams()] * 2, 30, 6, np.random.default_rng(2)).to_log()
    model = BKT().fit(log)
    loaded = BKT.from_params(json.loads(json.dumps(model.params())))
    np.testing.assert_allclose(loaded.predict_proba(log), model.predict_proba(log))
    assert loaded.skill_params("never-seen") == model.skill_params("never-seen")


def test_mastery_path_matches_online_steps() -> None:
    skills = [BKTParams(prior=0.3, learn=0.2, guess=0.2, slip=0.1, forget=0.05), BKTParams()]
    answers = simulate(skills, 5, 6, np.random.default_rng(8)).correct
    path = mastery_path(answers, skills)
    for student in range(5):
        for k, params in enumerate(skills):
            mastery = params.prior
            for t in range(6):
                mastery = bkt_step(mastery, bool(answers[student, k, t]), params)
                assert path[student, k, t] == pytest.approx(mastery, abs=1e-12)
