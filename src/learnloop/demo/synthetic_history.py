"""Response histories for a synthetic district, and the mastery states they imply.

Each class works along the framework from its own starting standard; each student
answers ATTEMPTS_PER_STANDARD items on a standard before moving on. Correctness comes
from the engine's simulator (BKT learners with an IRT ability per student and a
difficulty per standard), vectorized over a chunk of students at a time.

Mastery states and student traces are derived in bulk, in numpy, by the rules of the
model the app uses before any fit (BKT with default parameters, decays of 1): exactly
what replaying each answer through `record_response` (or `rebuild_mastery`) would
store, spaced-review cards included (fsrs replays only the answers after a standard
first became proficient, which is when the answer path starts scheduling reviews).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.utils import timezone
from numpy.typing import NDArray

from learnloop.demo.bulk import (
    bulk_load_settings,
    db_datetime,
    indexes_rebuilt_after,
    insert_rows,
    is_postgres,
)
from learnloop.demo.synthetic import CLASS_SIZE, District
from learnloop.engine.levels import LEVEL_RULES, Level
from learnloop.engine.review import ReviewResult, replay_reviews
from learnloop.engine.simulate import random_skills, simulate
from learnloop.engine.tracing import BKTParams
from learnloop.engine.tracing.bkt import mastery_path

ATTEMPTS_PER_STANDARD = 8
CHUNK_STUDENTS = 4000
BIG_LOAD = 200_000  # responses; from here, rebuilding indexes once beats updating them
DAYS = 110
RESPONSE_COLUMNS = (
    "student_id", "client_id", "item_id", "activity_id", "answer", "correct", "score",
    "hints_used", "seconds", "standard_ids", "created_at",
)  # fmt: skip
STATE_COLUMNS = (
    "student_id", "standard_id", "skill_state", "mastery", "level", "attempts", "successes",
    "last_practiced_at", "review_card", "review_due_at", "updated_at", "combined_level",
)  # fmt: skip


@dataclass(frozen=True)
class Chunk:
    """One chunk of students' responses as parallel arrays, chronological per student."""

    students: NDArray[np.int64]  # index into district.student_ids
    standard: NDArray[np.int64]  # index into district.leaves
    attempt: NDArray[np.int64]  # attempt number on that standard
    correct: NDArray[np.int8]
    stamp: NDArray[np.datetime64]
    mastery: NDArray[np.float64]  # P(learned) after the answer


def seed_history(
    district: District, *, responses: int, seed: int = 8, progress: Callable[[str], None] = print
) -> int:
    """Insert `responses` responses spread over the district's students; returns the count."""
    rng = np.random.default_rng(seed)
    n = len(district.student_ids)
    per_student = np.full(n, responses // max(n, 1), dtype=np.int64)
    per_student[: responses - int(per_student.sum())] += 1
    skills = random_skills(len(district.leaves), rng)
    difficulty = list(rng.normal(0.0, 0.5, len(district.leaves)))
    now = timezone.now().replace(microsecond=0)
    written = 0
    big = responses >= BIG_LOAD
    with (
        bulk_load_settings(),
        indexes_rebuilt_after("learning_response", enabled=big),
        indexes_rebuilt_after("learning_masterystate", enabled=big),
    ):
        for start in range(0, n, CHUNK_STUDENTS):
            students = np.arange(start, min(n, start + CHUNK_STUDENTS))
            chunk = _simulate_chunk(students, per_student, skills, difficulty, now, rng)
            if not len(chunk.correct):  # fewer responses than students: none in this chunk
                continue
            with transaction.atomic():
                rows = _rows(district, chunk)
                written += insert_rows("learning_response", RESPONSE_COLUMNS, rows)
                _write_states(district, chunk)
            progress(f"  {written:,} responses, {students[-1] + 1:,} students")
    return written


def _simulate_chunk(
    students: NDArray[np.int64],
    per_student: NDArray[np.int64],
    skills: list[BKTParams],
    difficulty: list[float],
    now: dt.datetime,
    rng: np.random.Generator,
) -> Chunk:
    counts = per_student[students]
    n_std = len(skills)
    cycles = int(np.ceil(counts.max(initial=1) / (ATTEMPTS_PER_STANDARD * n_std)))
    depth = max(1, ATTEMPTS_PER_STANDARD * cycles)
    sim = simulate(skills, len(students), depth, rng, ability_sd=1.0, difficulty=difficulty)
    path = mastery_path(sim.correct, [BKTParams()] * n_std)
    local = np.repeat(np.arange(len(students)), counts)
    position = np.arange(local.shape[0]) - np.repeat(np.cumsum(counts) - counts, counts)
    step, within = divmod(position, ATTEMPTS_PER_STANDARD)
    offset = (students // CLASS_SIZE * 7) % n_std
    standard = (offset[local] + step) % n_std
    attempt = within + ATTEMPTS_PER_STANDARD * (step // n_std)
    spacing = (DAYS * 86400) // np.maximum(counts, 1)
    seconds = (position + 1) * spacing[local] + (students[local] % 3600)
    origin = np.datetime64(now.replace(tzinfo=None) - dt.timedelta(days=DAYS + 2), "us")
    return Chunk(
        students=students[local],
        standard=standard,
        attempt=attempt,
        correct=sim.correct[local, standard, attempt],
        stamp=origin + seconds.astype("timedelta64[s]"),
        mastery=path[local, standard, attempt],
    )


def _stamps(values: NDArray[np.datetime64]) -> list[str]:
    text = np.char.replace(np.datetime_as_string(values, unit="us"), "T", " ")
    if is_postgres():
        text = np.char.add(text, "+00:00")
    return text.tolist()


def _rows(district: District, chunk: Chunk) -> Iterator[tuple[object, ...]]:
    leaves = np.array([s.pk for s in district.leaves], dtype=np.int64)
    items = np.array([district.items[pk] for pk in leaves.tolist()], dtype=np.int64)
    activities = np.array([district.activities[pk] for pk in leaves.tolist()], dtype=np.int64)
    student_pk = np.asarray(district.student_ids, dtype=np.int64)[chunk.students]
    item_pk = items[chunk.standard, chunk.attempt % items.shape[1]]
    correct = chunk.correct.astype(bool)
    answers = np.where(correct, '"a"', '"b"').tolist()
    ids = np.random.default_rng(int(student_pk[0])).bytes(16 * len(correct)).hex()
    client_ids = [ids[i : i + 32] for i in range(0, len(ids), 32)]
    standard_json = [f"[{pk}]" for pk in leaves[chunk.standard].tolist()]
    seconds = (30 + (student_pk * 7 + chunk.attempt * 13) % 150).tolist()
    return zip(
        student_pk.tolist(),
        client_ids,
        item_pk.tolist(),
        activities[chunk.standard].tolist(),
        answers,
        correct.astype(np.int8).tolist(),
        correct.astype(np.float64).tolist(),
        [0] * len(answers),
        seconds,
        standard_json,
        _stamps(chunk.stamp),
        strict=True,
    )


def _write_states(district: District, chunk: Chunk) -> None:
    """One MasteryState per (student, standard) touched, one StudentTrace per student."""
    key = chunk.students * len(district.leaves) + chunk.standard
    unique, last = _last_index(key)  # rows are chronological: the last row is the final state
    slot = np.searchsorted(unique, key)
    attempts = np.bincount(slot, minlength=unique.shape[0])
    successes = np.bincount(slot, weights=chunk.correct, minlength=unique.shape[0])
    cards = _review_cards(chunk, slot)
    rows = _state_rows(district, chunk, last, attempts, successes.astype(np.int64), cards)
    insert_rows("learning_masterystate", STATE_COLUMNS, rows)
    _write_traces(district, chunk)


def _last_index(key: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Sorted unique keys and the index of each key's last row."""
    reversed_keys = key[::-1]
    unique, first_in_reversed = np.unique(reversed_keys, return_index=True)
    return unique, key.shape[0] - 1 - first_in_reversed


def level_array(mastery: NDArray[np.float64], attempts: NDArray[np.int64]) -> NDArray[np.int64]:
    """`engine.levels.mastery_level`, vectorized."""
    level = np.where(attempts > 0, int(Level.PRACTICING), int(Level.NOT_STARTED))
    for rule in reversed(LEVEL_RULES):
        reached = (mastery >= rule.min_probability) & (attempts >= rule.min_attempts)
        level = np.where(reached, int(rule.level), level)
    return level.astype(np.int64)


def _review_cards(chunk: Chunk, slot: NDArray[np.int64]) -> dict[int, ReviewResult]:
    """The spaced-review card of each state (by slot), as the answer path schedules it.

    A state gets its first card on the answer that makes it proficient, and every later
    answer on it is a review (`learning.engine_state.next_review`).
    """
    proficient = level_array(chunk.mastery, chunk.attempt + 1) >= int(Level.PROFICIENT)
    order = np.argsort(slot, kind="stable")
    reached = np.cumsum(proficient[order])
    starts = np.r_[0, np.flatnonzero(np.diff(slot[order])) + 1]
    before_group = (reached - proficient[order])[starts]
    group = np.cumsum(np.isin(np.arange(order.shape[0]), starts)) - 1
    reviewed = order[reached - before_group[group] > 0]
    if reviewed.shape[0] == 0:
        return {}
    moments = [stamp.replace(tzinfo=dt.UTC) for stamp in chunk.stamp[reviewed].astype(dt.datetime)]
    right = chunk.correct[reviewed].astype(bool).tolist()
    cards: dict[int, ReviewResult] = {}
    slots = slot[reviewed].tolist()
    begin = 0
    for end in [*(np.flatnonzero(np.diff(slot[reviewed])) + 1).tolist(), len(slots)]:
        replayed = replay_reviews(zip(right[begin:end], moments[begin:end], strict=True))
        if replayed is not None:
            cards[slots[begin]] = replayed
        begin = end
    return cards


def _state_rows(
    district: District,
    chunk: Chunk,
    last: NDArray[np.int64],
    attempts: NDArray[np.int64],
    successes: NDArray[np.int64],
    cards: dict[int, ReviewResult],
) -> Iterator[tuple[object, ...]]:
    student_pk = np.asarray(district.student_ids, dtype=np.int64)[chunk.students[last]]
    standard_pk = np.array([s.pk for s in district.leaves], dtype=np.int64)[chunk.standard[last]]
    mastery = chunk.mastery[last]
    levels = level_array(mastery, attempts).tolist()
    stamps = _stamps(chunk.stamp[last])
    pairs = zip(student_pk.tolist(), standard_pk.tolist(), strict=True)
    for k, (student, standard) in enumerate(pairs):
        tries, right, value = int(attempts[k]), int(successes[k]), float(mastery[k])
        state = {
            "skill_id": str(standard), "mastery": value, "attempts": tries, "successes": right,
            "recent_successes": float(right), "recent_failures": float(tries - right),
            "ability": 0.0,
        }  # fmt: skip
        card = cards.get(k)
        yield (
            student, standard, json.dumps(state), value, levels[k], tries, right, stamps[k],
            json.dumps(card.card) if card else None, db_datetime(card.due) if card else None,
            stamps[k], levels[k],  # practice is the only evidence: its level is the cell's
        )  # fmt: skip


def _write_traces(district: District, chunk: Chunk) -> None:
    unique, last = _last_index(chunk.students)
    slot = np.searchsorted(unique, chunk.students)
    attempts = np.bincount(slot, minlength=unique.shape[0])
    successes = np.bincount(slot, weights=chunk.correct, minlength=unique.shape[0])
    student_pk = np.asarray(district.student_ids, dtype=np.int64)[unique].tolist()
    standard_pk = np.array([s.pk for s in district.leaves], dtype=np.int64)[chunk.standard[last]]
    stamps = _stamps(chunk.stamp[last])
    rows = []
    for k, pk in enumerate(student_pk):
        tries, right = int(attempts[k]), float(successes[k])
        state = {
            "attempts": tries, "successes": int(right), "recent_successes": right,
            "recent_failures": float(tries - right), "surprise": right, "recent_surprise": right,
            "ability": 0.0, "last_correct": bool(chunk.correct[last[k]]),
            "last_skill_id": str(int(standard_pk[k])),
        }  # fmt: skip
        rows.append((pk, json.dumps(state), stamps[k]))
    insert_rows("learning_studenttrace", ("student_id", "state", "updated_at"), rows)
