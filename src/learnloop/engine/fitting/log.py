"""The response log as the engine sees it: parallel arrays, chronological per student.

Ids from the source (student, skill, item) are kept as strings in vocabularies and
coded as integers in the arrays, so that every model can vectorize over all students
and skills at once and still report parameters keyed by the original skill id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]


def factorize(values: Sequence[str]) -> tuple[IntArray, tuple[str, ...]]:
    """Integer codes in order of first appearance, and the vocabulary they index."""
    vocabulary: dict[str, int] = {}
    codes = np.fromiter(
        (vocabulary.setdefault(value, len(vocabulary)) for value in values),
        dtype=np.int64,
        count=len(values),
    )
    return codes, tuple(vocabulary)


@dataclass(frozen=True, eq=False)
class ResponseLog:
    """Responses grouped by student (first-appearance order), chronological within each.

    `timestamp` is seconds since the epoch (UTC) where the source has times.
    """

    student: IntArray
    skill: IntArray
    correct: NDArray[np.int8]
    student_ids: tuple[str, ...]
    skill_ids: tuple[str, ...]
    item: IntArray | None = None
    item_ids: tuple[str, ...] | None = None
    timestamp: NDArray[np.float64] | None = None

    @classmethod
    def from_records(
        cls,
        students: Sequence[str],
        skills: Sequence[str],
        correct: Sequence[int] | NDArray[np.integer],
        items: Sequence[str] | None = None,
        timestamps: Sequence[float] | None = None,
    ) -> ResponseLog:
        """Build a log from rows already in chronological order within each student."""
        student, student_ids = factorize(students)
        order = np.argsort(student, kind="stable")
        skill, skill_ids = factorize([skills[i] for i in order])
        item = item_ids = None
        if items is not None:
            item, item_ids = factorize([items[i] for i in order])
        stamps = None if timestamps is None else np.asarray(timestamps, np.float64)[order]
        return cls(
            student=student[order],
            skill=skill,
            correct=np.asarray(correct, dtype=np.int8)[order],
            student_ids=student_ids,
            skill_ids=skill_ids,
            item=item,
            item_ids=item_ids,
            timestamp=stamps,
        )

    def __len__(self) -> int:
        return int(self.correct.shape[0])

    @property
    def n_students(self) -> int:
        return len(self.student_ids)

    @property
    def n_skills(self) -> int:
        return len(self.skill_ids)

    def skill_names(self) -> list[str]:
        """The skill id of every response, as strings."""
        names = np.asarray(self.skill_ids, dtype=object)
        return list(names[self.skill])

    def map_skills(self, vocabulary: Sequence[str]) -> IntArray:
        """Each response's skill as an index into `vocabulary`; -1 where it is unknown."""
        index = {skill_id: i for i, skill_id in enumerate(vocabulary)}
        lookup = np.array([index.get(s, -1) for s in self.skill_ids], dtype=np.int64)
        return lookup[self.skill] if len(self.skill_ids) else self.skill.copy()

    def select_students(self, keep: NDArray[np.bool_]) -> ResponseLog:
        """The log restricted to the students where `keep` (indexed by student code) is true."""
        rows = keep[self.student]
        names = np.asarray(self.student_ids, dtype=object)[self.student[rows]]
        skills = np.asarray(self.skill_ids, dtype=object)[self.skill[rows]]
        items = None
        if self.item is not None and self.item_ids is not None:
            items = list(np.asarray(self.item_ids, dtype=object)[self.item[rows]])
        stamps = None if self.timestamp is None else list(self.timestamp[rows])
        return ResponseLog.from_records(
            list(names), list(skills), self.correct[rows], items, stamps
        )


@dataclass(frozen=True, eq=False)
class TimeMajor:
    """A layout of many variable-length sequences for loops over time steps.

    Sequences are ranked by length, longest first, and stored step by step, so that the
    sequences still running at step t are the contiguous slots
    `offset[t] : offset[t] + active[t]` (ranks 0..active[t]-1). `slot[i]` is where
    response i lives; `rank_group[r]` is the sequence with rank r.
    """

    slot: IntArray
    offset: IntArray
    active: IntArray
    rank_group: IntArray

    @property
    def n_steps(self) -> int:
        return int(self.active.shape[0])

    def step(self, t: int) -> slice:
        start = int(self.offset[t])
        return slice(start, start + int(self.active[t]))


def positions(group: IntArray, n_groups: int) -> tuple[IntArray, IntArray]:
    """Each element's position within its group (in array order), and group lengths."""
    lengths = np.bincount(group, minlength=n_groups).astype(np.int64)
    order = np.argsort(group, kind="stable")
    starts = np.cumsum(lengths) - lengths
    position = np.empty_like(group)
    position[order] = np.arange(group.shape[0]) - np.repeat(starts, lengths)
    return position, lengths


def time_major(group: IntArray, n_groups: int) -> TimeMajor:
    """Lay out the sequences given by `group` (one id per response, in order) by step."""
    position, lengths = positions(group, n_groups)
    rank_group = np.argsort(-lengths, kind="stable")
    rank = np.empty(n_groups, dtype=np.int64)
    rank[rank_group] = np.arange(n_groups)
    max_len = int(lengths.max()) if n_groups else 0
    per_length = np.bincount(lengths, minlength=max_len + 1)
    active = (per_length[::-1].cumsum()[::-1])[1:].astype(np.int64)
    offset = np.concatenate([[0], np.cumsum(active)[:-1]]).astype(np.int64)
    return TimeMajor(
        slot=offset[position] + rank[group],
        offset=offset,
        active=active,
        rank_group=rank_group,
    )


def pair_groups(log: ResponseLog) -> tuple[IntArray, IntArray]:
    """A sequence id per (student, skill) pair for every response, and each pair's skill."""
    key = log.student * max(log.n_skills, 1) + log.skill
    unique, group = np.unique(key, return_inverse=True)
    return group.astype(np.int64), (unique % max(log.n_skills, 1)).astype(np.int64)
