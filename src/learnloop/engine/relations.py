"""Relations between standards learned from the log, said in words for teachers.

Two things a teacher can act on:
- `missed_together`: "students who miss 6.RP.A.3.a usually also miss 6.RP.A.1": among
  students who answered both, how often a student who mostly missed one also mostly
  missed the other, against how often anyone mostly missed the other (the lift);
- `learned_prerequisites`: an edge A -> B where the two are missed together and A
  usually comes first in students' work; `merge_prerequisites` joins these with the
  framework's CASE `precedes` edges, which always win a disagreement.

Vectorized over students with sparse matrices: one pass over the log, then products of
(students x standards) matrices, fine for thousands of standards.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from learnloop.engine.fitting.log import ResponseLog


@dataclass(frozen=True)
class Relation:
    """Students who miss `first` also miss `second` in `share` of cases (base `base`)."""

    first: str
    second: str
    share: float
    base: float
    students: int

    @property
    def lift(self) -> float:
        return self.share / self.base if self.base > 0 else 0.0

    def in_words(self) -> str:
        """English, like the choice board's reasons; the web layer owns translation."""
        return (
            f"Students who miss {self.first} usually also miss {self.second} "
            f"({100 * self.share:.0f}% of them, against {100 * self.base:.0f}% of all "
            f"students; {self.students} students)."
        )


@dataclass(frozen=True)
class Prerequisite:
    """An edge `before` -> `after`, where it comes from ("case", "learned" or both)."""

    before: str
    after: str
    source: str
    relation: Relation | None = None

    def in_words(self) -> str:
        if self.source == "case":
            return f"{self.before} comes before {self.after} in the framework."
        return (
            f"{self.before} usually comes before {self.after}, and students who miss "
            f"{self.before} usually also miss {self.after}."
        )


def _per_student(log: ResponseLog) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(students x skills) dense arrays: attempted, mostly missed, first position."""
    n_students, n_skills = log.n_students, log.n_skills
    cell = log.student * n_skills + log.skill
    size = n_students * n_skills
    attempts = np.bincount(cell, minlength=size).reshape(n_students, n_skills)
    misses = np.bincount(cell, weights=1.0 - log.correct, minlength=size)
    attempted = attempts > 0
    missed = attempted & (misses.reshape(n_students, n_skills) * 2 > attempts)
    first = np.full(size, len(log), dtype=np.int64)
    np.minimum.at(first, cell, np.arange(len(log)))
    return attempted, missed, first.reshape(n_students, n_skills)


def missed_together(
    log: ResponseLog, min_students: int = 20, min_lift: float = 1.3, limit: int = 50
) -> list[Relation]:
    """Ordered pairs of standards whose misses go together, strongest lift first."""
    if log.n_skills < 2 or len(log) == 0:
        return []
    attempted, missed, _first = _per_student(log)
    a, m = attempted.astype(np.float64), missed.astype(np.float64)
    both_missed = m.T @ m  # [x, y]: missed x and missed y
    missed_x_tried_y = m.T @ a  # missed x, attempted y
    missed_y = m.sum(axis=0)
    tried_y = a.sum(axis=0)
    relations = []
    names = log.skill_ids
    for x, y in zip(*np.nonzero(missed_x_tried_y >= min_students), strict=True):
        if x == y or tried_y[y] == 0:
            continue
        share = both_missed[x, y] / missed_x_tried_y[x, y]
        base = missed_y[y] / tried_y[y]
        if base > 0 and share / base >= min_lift and share >= 0.5:
            relations.append(
                Relation(names[x], names[y], float(share), float(base), int(missed_x_tried_y[x, y]))
            )
    relations.sort(key=lambda r: (-r.lift, r.first, r.second))
    return relations[:limit]


def learned_prerequisites(
    log: ResponseLog, min_students: int = 20, min_lift: float = 1.3, min_order: float = 0.7
) -> list[Prerequisite]:
    """A -> B where misses go together and A was started first by `min_order` of students."""
    relations = missed_together(log, min_students, min_lift, limit=10_000)
    if not relations:
        return []
    attempted, _missed, first = _per_student(log)
    index = {name: i for i, name in enumerate(log.skill_ids)}
    edges = []
    for relation in relations:
        x, y = index[relation.first], index[relation.second]
        both = attempted[:, x] & attempted[:, y]
        if both.sum() < min_students:
            continue
        order = float(np.mean(first[both, x] < first[both, y]))
        if order >= min_order:
            edges.append(Prerequisite(relation.first, relation.second, "learned", relation))
    return edges


def merge_prerequisites(
    learned: Iterable[Prerequisite], case_precedes: Iterable[tuple[str, str]]
) -> list[Prerequisite]:
    """CASE edges, plus learned edges that neither repeat nor reverse one of them.

    A learned edge that repeats a CASE edge marks it "case+learned"; one that reverses
    a CASE edge is dropped (the framework's authors know the intended order).
    """
    merged = {
        (before, after): Prerequisite(before, after, "case") for before, after in case_precedes
    }
    for edge in learned:
        key = (edge.before, edge.after)
        if key in merged:
            merged[key] = Prerequisite(edge.before, edge.after, "case+learned", edge.relation)
        elif (edge.after, edge.before) not in merged:
            merged[key] = edge
    return sorted(merged.values(), key=lambda e: (e.before, e.after))
