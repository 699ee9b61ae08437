"""Flexible groups from mastery profiles: deterministic k-means with plain-words reasons.

Input is one row of mastery probabilities per student over the standards the teacher
chose. Students are put in canonical order (by id) so that the same class gives the
same groups whatever order it arrives in. Centres start by farthest-point seeding (the
weakest profile first, then repeatedly the profile farthest from every centre chosen so
far), then Lloyd iterations run to a fixed point; no randomness, so no seed is needed.

When k is not given, every k in 3..5 that the data allows is tried and the one with the
best mean silhouette wins; ties go to fewer groups (a teacher runs fewer tables more
easily). A class with fewer than three distinct profiles gets one group per profile.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from learnloop.engine.levels import LEVEL_RULES, Level

K_CHOICES = (3, 4, 5)
NOT_YET_BELOW = next(r.min_probability for r in LEVEL_RULES if r.level == Level.FAMILIAR)
READY_FROM = next(r.min_probability for r in LEVEL_RULES if r.level == Level.PROFICIENT)
MAX_ITERATIONS = 100
TIE = 1e-9
CODES_NAMED = 3

FloatMatrix = NDArray[np.float64]


@dataclass(frozen=True)
class GroupReason:
    """Why these students are together, as data for a caller to word in its reader's
    language (the engine cannot translate): the codes the group has not got yet, the codes
    it is ready to stretch on, and, when neither list has any, the level most of its
    students are at."""

    not_yet: tuple[str, ...]
    ready: tuple[str, ...]
    mostly: Level | None = None


@dataclass(frozen=True)
class SuggestedGroup:
    member_ids: tuple[int, ...]
    explanation: str  # the reason in English (logs, tests); pages word `reason` themselves
    mean_mastery: tuple[float, ...]  # per standard, in the order given
    reason: GroupReason = GroupReason((), ())


@dataclass(frozen=True)
class Grouping:
    k: int
    groups: tuple[SuggestedGroup, ...]
    silhouette_by_k: dict[int, float]


def suggest_groups(
    student_ids: Sequence[int],
    codes: Sequence[str],
    mastery: FloatMatrix,
    levels: NDArray[np.int_],
    k: int | None = None,
) -> Grouping:
    """Groups of students with similar mastery on `codes`, each with an explanation.

    `mastery` and `levels` are (students x standards): probabilities in [0, 1] and
    engine levels 0..4. `k` forces a number of groups (capped by distinct profiles).
    """
    ids, data, level_data = _canonical(student_ids, codes, mastery, levels)
    distinct = len(np.unique(data, axis=0)) if len(ids) else 0
    if distinct == 0:
        return Grouping(k=0, groups=(), silhouette_by_k={})
    distances = _pairwise(data)
    if k is not None:
        if k < 1:
            raise ValueError("k must be at least 1")
        candidates = [min(k, distinct)]
    else:
        candidates = [c for c in K_CHOICES if c <= distinct] or [distinct]
    scores: dict[int, float] = {}
    labelings: dict[int, NDArray[np.int_]] = {}
    for candidate in candidates:
        labelings[candidate] = kmeans(data, candidate)
        scores[candidate] = silhouette(distances, labelings[candidate])
    best = choose_k(scores)
    groups = _describe(ids, codes, data, level_data, labelings[best])
    return Grouping(k=best, groups=groups, silhouette_by_k=scores)


def choose_k(scores: dict[int, float]) -> int:
    """The k with the best silhouette; within a hair of the best, the fewest groups."""
    top = max(scores.values())
    return min(k for k, score in scores.items() if score >= top - TIE)


def _canonical(
    student_ids: Sequence[int],
    codes: Sequence[str],
    mastery: FloatMatrix,
    levels: NDArray[np.int_],
) -> tuple[list[int], FloatMatrix, NDArray[np.int_]]:
    data = np.asarray(mastery, dtype=np.float64).reshape(len(student_ids), len(codes))
    level_data = np.asarray(levels, dtype=np.int_).reshape(data.shape)
    if len(set(student_ids)) != len(student_ids):
        raise ValueError("student ids must be unique")
    if not np.all(np.isfinite(data)) or np.any((data < 0) | (data > 1)):
        raise ValueError("mastery must be probabilities in [0, 1]")
    order = np.argsort(np.asarray(student_ids, dtype=np.int64), kind="stable")
    return [int(student_ids[i]) for i in order], data[order], level_data[order]


def _pairwise(data: FloatMatrix) -> FloatMatrix:
    squared = np.sum((data[:, None, :] - data[None, :, :]) ** 2, axis=2)
    return np.sqrt(np.maximum(squared, 0.0))


def farthest_point_centres(data: FloatMatrix, k: int) -> FloatMatrix:
    """k starting centres: the weakest profile, then each time the farthest from all chosen."""
    first = int(np.argmin(data.sum(axis=1)))
    centres = [data[first]]
    nearest = np.linalg.norm(data - data[first], axis=1)
    while len(centres) < k:
        pick = int(np.argmax(nearest))
        centres.append(data[pick])
        nearest = np.minimum(nearest, np.linalg.norm(data - data[pick], axis=1))
    return np.array(centres)


def kmeans(data: FloatMatrix, k: int) -> NDArray[np.int_]:
    """Labels 0..k-1 for each row, every label used; deterministic for a given input."""
    centres = farthest_point_centres(data, k)
    labels = np.full(len(data), -1, dtype=np.int_)
    for _ in range(MAX_ITERATIONS):
        distances = np.linalg.norm(data[:, None, :] - centres[None, :, :], axis=2)
        new_labels = _fill_empty(np.argmin(distances, axis=1), distances, k)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
        centres = np.array([data[labels == g].mean(axis=0) for g in range(k)])
    return labels


def _fill_empty(labels: NDArray[np.int_], distances: FloatMatrix, k: int) -> NDArray[np.int_]:
    """Give an empty group the row farthest from its own centre (from a group of two+)."""
    labels = labels.copy()
    for group in range(k):
        if np.any(labels == group):
            continue
        sizes = np.bincount(labels, minlength=k)
        own = distances[np.arange(len(labels)), labels]
        movable = np.where(sizes[labels] > 1, own, -1.0)
        labels[int(np.argmax(movable))] = group
    return labels


def silhouette(distances: FloatMatrix, labels: NDArray[np.int_]) -> float:
    """Mean silhouette (Rousseeuw 1987); a student alone in a group scores 0."""
    groups = np.unique(labels)
    if len(groups) < 2:
        return 0.0
    scores = np.zeros(len(labels))
    for i in range(len(labels)):
        same = labels == labels[i]
        if same.sum() <= 1:
            continue
        inside = distances[i, same].sum() / (same.sum() - 1)
        outside = min(distances[i, labels == g].mean() for g in groups if g != labels[i])
        spread = max(inside, outside)
        scores[i] = 0.0 if spread == 0 else (outside - inside) / spread
    return float(scores.mean())


def _describe(
    ids: list[int],
    codes: Sequence[str],
    data: FloatMatrix,
    level_data: NDArray[np.int_],
    labels: NDArray[np.int_],
) -> tuple[SuggestedGroup, ...]:
    """Groups weakest first, each explained by where its average sits on each standard."""
    groups = []
    for group in range(int(labels.max()) + 1):
        rows = labels == group
        mean = data[rows].mean(axis=0)
        members = tuple(ids[i] for i in np.flatnonzero(rows))
        why = reason(codes, mean, level_data[rows])
        groups.append(
            SuggestedGroup(
                member_ids=members,
                explanation=explain(why),
                mean_mastery=tuple(round(float(m), 4) for m in mean),
                reason=why,
            )
        )
    return tuple(sorted(groups, key=lambda g: (sum(g.mean_mastery), g.member_ids)))


def reason(codes: Sequence[str], mean: FloatMatrix, levels: NDArray[np.int_]) -> GroupReason:
    """What the group has not got yet, what it is ready to stretch on (or its usual level)."""
    not_yet = tuple(code for code, m in zip(codes, mean, strict=True) if m < NOT_YET_BELOW)
    ready = tuple(code for code, m in zip(codes, mean, strict=True) if m >= READY_FROM)
    if not_yet or ready:
        return GroupReason(not_yet, ready)
    counts = np.bincount(levels.ravel(), minlength=len(Level))
    return GroupReason((), (), Level(int(np.argmax(counts))))


def explain(why: GroupReason) -> str:
    """The reason in plain English words."""
    parts = []
    if why.not_yet:
        parts.append(f"Not yet on {name_codes(why.not_yet)}")
    if why.ready:
        parts.append(f"ready for a challenge on {name_codes(why.ready)}")
    if parts:
        sentence = "; ".join(parts)
        return sentence[0].upper() + sentence[1:]
    mostly = why.mostly if why.mostly is not None else Level.NOT_STARTED
    return f"Mixed: mostly {mostly.label.lower()}"


def name_codes(codes: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C and 2 more'."""
    if len(codes) > CODES_NAMED + 1:
        shown = ", ".join(codes[:CODES_NAMED])
        return f"{shown} and {len(codes) - CODES_NAMED} more"
    if len(codes) == 1:
        return codes[0]
    return f"{', '.join(codes[:-1])} and {codes[-1]}"
