"""Synthetic logs whose items belong to hidden concepts, for the relational benchmark.

Items come from a few latent concepts; each student has an ability per concept (a
shared part plus a concept-specific part) that grows with practice on that concept and
partly fades between sessions. The log is returned three ways: tags removed (every
item tagged with one standard), tags shuffled (random standards that ignore the
concepts) and the oracle view (tagged with the true concept). Item ids never reveal
the concept. Vectorized over students; the loop is over answers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.special import expit  # type: ignore[import-untyped]

from learnloop.engine.fitting.log import ResponseLog

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class ConceptWorld:
    """The hidden structure: how many concepts and items, how students learn and forget."""

    n_concepts: int = 5
    items_per_concept: int = 20
    shared_ability_sd: float = 0.6
    concept_ability_sd: float = 1.0
    difficulty_sd: float = 1.0
    growth: float = 0.08
    forgetting_days: float = 10.0
    answers_per_session: int = 10
    days_between_sessions: float = 2.0


@dataclass(frozen=True, eq=False)
class HiddenConceptLogs:
    """The same answers as three logs, and each item's true concept."""

    removed: ResponseLog
    shuffled: ResponseLog
    oracle: ResponseLog
    item_concept: NDArray[np.int64]


def simulate_hidden_concepts(
    n_students: int, n_answers: int, rng: np.random.Generator, world: ConceptWorld | None = None
) -> HiddenConceptLogs:
    """`n_students` each answering `n_answers` items drawn at random from all concepts."""
    world = world or ConceptWorld()
    n_items = world.n_concepts * world.items_per_concept
    item_concept = rng.permutation(np.repeat(np.arange(world.n_concepts), world.items_per_concept))
    difficulty = rng.normal(0.0, world.difficulty_sd, n_items)
    shared = rng.normal(0.0, world.shared_ability_sd, (n_students, 1))
    base = shared + rng.normal(0.0, world.concept_ability_sd, (n_students, world.n_concepts))
    gain = np.zeros((n_students, world.n_concepts))
    rows = np.arange(n_students)
    items = rng.integers(0, n_items, (n_students, n_answers))
    correct = np.zeros((n_students, n_answers), dtype=np.int8)
    stamps = np.zeros((n_students, n_answers))
    clock = rng.uniform(0.0, 86_400.0, n_students) + 1.7e9
    for t in range(n_answers):
        if t and t % world.answers_per_session == 0:
            gap_days = rng.exponential(world.days_between_sessions, n_students) + 0.5
            gain *= np.exp(-gap_days / world.forgetting_days)[:, None]
            clock = clock + gap_days * 86_400.0
        concept = item_concept[items[:, t]]
        ability = base[rows, concept] + gain[rows, concept]
        correct[:, t] = rng.random(n_students) < expit(ability - difficulty[items[:, t]])
        gain[rows, concept] += world.growth
        stamps[:, t] = np.round(clock)
        clock = clock + 60.0
    item_ids = [f"q{i:04d}" for i in range(n_items)]
    shuffled_tags = rng.integers(0, world.n_concepts, n_items)

    def as_log(tags: list[str]) -> ResponseLog:
        flat = items.reshape(-1)
        return ResponseLog.from_records(
            [f"s{s}" for s in np.repeat(np.arange(n_students), n_answers)],
            [tags[i] for i in flat],
            correct.reshape(-1),
            [item_ids[i] for i in flat],
            list(stamps.reshape(-1)),
        )

    return HiddenConceptLogs(
        removed=as_log(["math"] * n_items),
        shuffled=as_log([f"std-{k}" for k in shuffled_tags]),
        oracle=as_log([f"concept-{k}" for k in item_concept]),
        item_concept=item_concept.astype(np.int64),
    )
