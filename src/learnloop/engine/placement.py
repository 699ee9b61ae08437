"""Placement: an adaptive first check that finds what a new student already knows.

Like ALEKS's initial assessment, the check asks one question at a time about one
standard, picks each next standard where an answer would teach the engine the most
about the whole course, and stops once every standard's estimate is sure enough.

The belief is a weighted sample of whole knowledge states (which standards a student
knows), drawn once from a prior that follows the prerequisite graph (CASE `precedes`:
a standard tends to be known only when its prerequisites are). One answer reweights
every state, so a right answer on 6.RP.A.3 also raises the prerequisites of 6.RP.A.3,
and "I haven't learned this yet" lowers what builds on it. Per-standard probabilities
are the weighted share of states that know the standard.

Pure: numpy and dataclasses only. Randomness comes in as a `numpy.random.Generator`
(the web app seeds one per attempt, so a replay of the same answers gives the same
questions). `place` is stateless over the answers so far: a page can rebuild the
estimate from its stored answers in a millisecond or two.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


class Outcome(StrEnum):
    """How one placement question went."""

    RIGHT = "right"
    WRONG = "wrong"
    NOT_YET = "not_yet"  # "I haven't learned this yet"


@dataclass(frozen=True)
class PlacementCourse:
    """The standards of a course and their prerequisites as (before, after) pairs."""

    standard_ids: tuple[str, ...]
    prerequisites: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        known = set(self.standard_ids)
        if len(known) != len(self.standard_ids):
            raise ValueError("PlacementCourse.standard_ids must be unique")
        for before, after in self.prerequisites:
            if before not in known or after not in known:
                raise ValueError(f"prerequisite ({before}, {after}) names an unknown standard")


@dataclass(frozen=True)
class PlacementSettings:
    """How the check answers, weighs and stops.

    `guess` / `slip`: a right answer without knowing, a wrong one despite knowing.
    `not_yet_if_known`: how often a student who knows a standard still says "not yet"
    (the same chance as a slip by default: it counts as a strong "not known").
    `confidence`: stop when every standard's probability is below 1 - confidence or
    above it. `max_questions` caps the check whatever the confidence.
    """

    guess: float = 0.2
    slip: float = 0.1
    not_yet_if_known: float = 0.03
    not_yet_if_unknown: float = 0.5
    confidence: float = 0.75
    max_questions: int = 18
    states: int = 2048
    structure_noise: float = 0.3

    def __post_init__(self) -> None:
        for name in ("guess", "slip", "not_yet_if_known", "not_yet_if_unknown", "confidence"):
            value = getattr(self, name)
            if not 0.0 < value < 1.0:
                raise ValueError(f"PlacementSettings.{name} must be in (0, 1), got {value}")
        if self.max_questions < 1 or self.states < 16:
            raise ValueError("PlacementSettings needs max_questions >= 1 and states >= 16")


@dataclass(frozen=True)
class PlacementAnswer:
    standard_id: str
    outcome: Outcome


@dataclass(frozen=True)
class KnowledgeStates:
    """A weighted sample of knowledge states: `known[state, standard]`."""

    course: PlacementCourse
    known: BoolArray
    index: Mapping[str, int] = field(repr=False)


@dataclass(frozen=True)
class PlacementEstimate:
    """Where the check stands: each standard's probability of being known, whether to
    stop, and the standard to ask about next (None when done)."""

    probabilities: Mapping[str, float]
    asked: tuple[str, ...]
    done: bool
    next_standard: str | None

    def mastered(self) -> tuple[str, ...]:
        """Standards placed as already known (probability at least one half)."""
        return tuple(s for s, p in self.probabilities.items() if p >= 0.5)

    def to_learn(self) -> tuple[str, ...]:
        return tuple(s for s, p in self.probabilities.items() if p < 0.5)


def topological_depth(course: PlacementCourse) -> dict[str, int]:
    """Each standard's longest chain of prerequisites (0 for a standard with none);
    a cycle in the graph is broken where it is found, never an error."""
    before: dict[str, list[str]] = {s: [] for s in course.standard_ids}
    for first, then in course.prerequisites:
        before[then].append(first)
    depth: dict[str, int] = {}
    visiting: set[str] = set()

    def visit(standard: str) -> int:
        if standard in depth:
            return depth[standard]
        if standard in visiting:
            return 0
        visiting.add(standard)
        value = max((visit(p) + 1 for p in before[standard]), default=0)
        visiting.discard(standard)
        depth[standard] = value
        return value

    for standard in course.standard_ids:
        visit(standard)
    return depth


def learning_order(course: PlacementCourse) -> tuple[str, ...]:
    """The standards by depth, prerequisites first (ties in the course's order)."""
    depth = topological_depth(course)
    position = {s: i for i, s in enumerate(course.standard_ids)}
    return tuple(sorted(course.standard_ids, key=lambda s: (depth[s], position[s])))


def knowledge_states(
    course: PlacementCourse, rng: np.random.Generator, settings: PlacementSettings | None = None
) -> KnowledgeStates:
    """Sample the prior: each state has a reach along the course (uniform, a little past
    both ends) and knows a standard when its reach, plus noise, passes the standard's
    depth; then a standard stays known only if its prerequisites are. One state in
    five keeps its noise unclosed, so that a student with a hole is still represented."""
    settings = settings or PlacementSettings()
    index = {s: i for i, s in enumerate(course.standard_ids)}
    depth = topological_depth(course)
    top = max(depth.values(), default=0) or 1
    relative = np.array([depth[s] / top for s in course.standard_ids], dtype=np.float64)
    n = settings.states
    reach = rng.uniform(-0.25, 1.25, size=(n, 1))
    noise = rng.normal(0.0, settings.structure_noise, size=(n, len(relative)))
    known = reach + noise > relative[None, :]
    closed = close_under_prerequisites(course, known, index)
    keep_holes = rng.random(n) < 0.2
    known = np.where(keep_holes[:, None], known, closed)
    return KnowledgeStates(course, known, index)


def close_under_prerequisites(
    course: PlacementCourse, known: BoolArray, index: Mapping[str, int]
) -> BoolArray:
    """`known` with every standard whose prerequisite is unknown made unknown too."""
    closed = known.copy()
    before: dict[str, list[str]] = {s: [] for s in course.standard_ids}
    for first, then in course.prerequisites:
        before[then].append(first)
    for standard in learning_order(course):
        for prerequisite in before[standard]:
            closed[:, index[standard]] &= closed[:, index[prerequisite]]
    return closed


def _likelihood_table(settings: PlacementSettings) -> dict[Outcome, tuple[float, float]]:
    """P(outcome | known), P(outcome | not known)."""
    known_ny, unknown_ny = settings.not_yet_if_known, settings.not_yet_if_unknown
    return {
        Outcome.RIGHT: ((1 - settings.slip) * (1 - known_ny), settings.guess * (1 - unknown_ny)),
        Outcome.WRONG: (settings.slip * (1 - known_ny), (1 - settings.guess) * (1 - unknown_ny)),
        Outcome.NOT_YET: (known_ny, unknown_ny),
    }


def state_weights(
    states: KnowledgeStates, answers: Sequence[PlacementAnswer], settings: PlacementSettings
) -> FloatArray:
    """The posterior weight of each state after the answers (normalised, in log space)."""
    table = _likelihood_table(settings)
    log_weight = np.zeros(states.known.shape[0], dtype=np.float64)
    for answer in answers:
        if_known, if_not = table[Outcome(answer.outcome)]
        column = states.known[:, states.index[answer.standard_id]]
        log_weight += np.where(column, np.log(if_known), np.log(if_not))
    weight = np.exp(log_weight - log_weight.max())
    return weight / weight.sum()


def _entropy(p: FloatArray) -> FloatArray:
    q = np.clip(p, 1e-12, 1 - 1e-12)
    return -(q * np.log2(q) + (1 - q) * np.log2(1 - q))


def expected_uncertainty(
    states: KnowledgeStates, weight: FloatArray, settings: PlacementSettings
) -> FloatArray:
    """For each standard, the expected total uncertainty (summed binary entropy of all
    standards) after asking about it: the check asks where this is smallest."""
    known = states.known.astype(np.float64)
    table = _likelihood_table(settings)
    expected = np.zeros(known.shape[1], dtype=np.float64)
    for if_known, if_not in table.values():
        likelihood = np.where(states.known, if_known, if_not)  # (states, standards asked)
        joint = weight[:, None] * likelihood
        outcome_mass = joint.sum(axis=0)  # P(outcome) per standard asked
        marginals = (joint.T @ known) / np.maximum(outcome_mass, 1e-300)[:, None]
        expected += outcome_mass * _entropy(marginals).sum(axis=1)
    return expected


def place(
    states: KnowledgeStates,
    answers: Sequence[PlacementAnswer],
    settings: PlacementSettings | None = None,
    askable: Sequence[str] | None = None,
) -> PlacementEstimate:
    """The estimate after `answers`, and the next standard to ask about.

    `askable` limits the questions to standards that have an item (all by default);
    each standard is asked at most once. The check is done when every probability is
    sure enough, when `max_questions` were asked, or when nothing askable is left.
    """
    settings = settings or PlacementSettings()
    course = states.course
    for answer in answers:
        if answer.standard_id not in states.index:
            raise ValueError(f"answer names an unknown standard {answer.standard_id!r}")
    weight = state_weights(states, answers, settings)
    marginal = weight @ states.known.astype(np.float64)
    probabilities = {s: float(marginal[states.index[s]]) for s in course.standard_ids}
    asked = tuple(a.standard_id for a in answers)
    allowed = set(course.standard_ids if askable is None else askable) - set(asked)
    sure = bool(np.all((marginal >= settings.confidence) | (marginal <= 1 - settings.confidence)))
    if sure or len(answers) >= settings.max_questions or not allowed:
        return PlacementEstimate(probabilities, asked, True, None)
    expected = expected_uncertainty(states, weight, settings)
    candidates = [s for s in course.standard_ids if s in allowed]
    best = min(candidates, key=lambda s: (expected[states.index[s]], states.index[s]))
    return PlacementEstimate(probabilities, asked, False, best)


def fixed_form(course: PlacementCourse, length: int) -> tuple[str, ...]:
    """The comparison: `length` standards spread evenly along the learning order, the
    same for every student (a fixed-form test)."""
    order = learning_order(course)
    if length >= len(order):
        return order
    picks = np.linspace(0, len(order) - 1, num=length).round().astype(int)
    return tuple(order[i] for i in dict.fromkeys(picks.tolist()))
