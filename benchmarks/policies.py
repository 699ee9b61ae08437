"""Choice-board and session policies compared on simulated learners (issue 21 section 4).

No database: each simulated student works through a course of `--standards` standards
(in order) over `--days` school days, one sitting of `--sitting` items a day, while the
engine's own pieces decide: the mastery estimate (`engine.tracing.BKT` with its default
parameters), the levels (`engine.levels`), the session's end and routing
(`engine.practice_policy.end_reason`), and spaced review (`engine.review`, fsrs).

The hidden learner, per standard: learned or not, learning per attempt by BKT
(`engine.simulate.InteractiveLearner`, four kinds as in benchmarks/practice_policy.py),
learning from a lesson when a session routes them to it, and forgetting with time:
a learned standard is still known after g days with probability exp(-g / stability);
stability starts at `--stability` days and is multiplied by 2.5 by a right answer given
at least a day after the last one (the spacing effect), by 1.2 by one given the same day.
These are assumptions, not fits to data; docs/benchmarks/policies.md states them.

A policy is: the level at which the board moves on from a standard (Mastered: 0.95 over
5 answers, today's rule; or a lower one), whether a sitting routes a student to the
lesson after three misses in a row (the session policy of issue 17) or not (the loop
before it), and review spacing (none, every 7 days, or fsrs due dates at the engine's
desired retention). Due reviews come first in a sitting, one item each.

Printed per policy: items (first tries) to the engine's "move on" per standard, the
share of standards moved on from by the end, the share of a student's standards really
known `--delay` days after the last day (retention), the share of student-standards
where the engine said "move on" but the student did not know it (false mastery), and the
share of students who stall (30 items on one standard without moving on).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import numpy as np

from _common import machine, markdown_table, today
from learnloop.engine.levels import LEVEL_RULES, Level, LevelRule
from learnloop.engine.practice_policy import (
    EndReason,
    SessionProgress,
    SessionTarget,
    TargetKind,
    end_reason,
)
from learnloop.engine.review import schedule_review
from learnloop.engine.simulate import InteractiveLearner
from learnloop.engine.tracing import BKT, BKTParams, Observation, TraceState

KINDS = {  # as in benchmarks/practice_policy.py: prior, learn, guess, slip, lesson
    "stuck": (0.02, 0.02, 0.15, 0.10, 0.25),
    "struggling": (0.05, 0.04, 0.15, 0.10, 0.30),
    "typical": (0.15, 0.12, 0.20, 0.10, 0.35),
    "quick": (0.30, 0.25, 0.25, 0.08, 0.40),
}
STALL_ITEMS = 30
START = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
TODAY_RULE = LEVEL_RULES[0]  # Mastered: 0.95 over at least 5 answers


@dataclass(frozen=True)
class Policy:
    name: str
    move_on: LevelRule = TODAY_RULE
    route_after_misses: bool = True
    review: str = "fsrs"  # "none" | "weekly" | "fsrs"


POLICIES = (
    Policy("today's loop: Mastered, no routing, fsrs review", route_after_misses=False),
    Policy("session policy (default): Mastered, routing, fsrs review"),
    Policy("move on at Proficient (0.80, 4)", LevelRule(Level.PROFICIENT, 0.80, 4)),
    Policy("move on at 0.90 over 5", LevelRule(Level.MASTERED, 0.90, 5)),
    Policy("no review", review="none"),
    Policy("review every 7 days", review="weekly"),
)


@dataclass
class Cell:
    """One student on one standard: hidden truth and the engine's view."""

    learner: InteractiveLearner
    stability: float
    last_seen: datetime | None = None
    state: TraceState | None = None
    items: int = 0
    moved_on: bool = False
    stalled: bool = False
    card: dict | None = None
    due: datetime | None = None
    false_mastery: bool = False
    items_to_move_on: int = 0


@dataclass
class Student:
    cells: list[Cell] = field(default_factory=list)


def forget(cell: Cell, now: datetime, rng: np.random.Generator) -> None:
    if cell.learner.learned and cell.last_seen is not None:
        gap = (now - cell.last_seen).total_seconds() / 86400
        if rng.random() > np.exp(-gap / cell.stability):
            cell.learner = InteractiveLearner(cell.learner.params, False, cell.learner.study_gain)


def attempt(cell: Cell, model: BKT, now: datetime, rng: np.random.Generator) -> bool:
    forget(cell, now, rng)
    spaced = cell.last_seen is None or (now - cell.last_seen) >= timedelta(hours=20)
    was_learned = cell.learner.learned
    correct, cell.learner = cell.learner.answer(rng)
    if correct and was_learned:
        cell.stability *= 2.5 if spaced else 1.2
    cell.last_seen = now
    cell.items += 1
    cell.state = model.update(cell.state, Observation(cell.state.skill.skill_id, correct, now))
    return correct


def level_of(cell: Cell, rule: LevelRule) -> bool:
    skill = cell.state.skill
    return skill.mastery >= rule.min_probability and skill.attempts >= rule.min_attempts


def review(cell: Cell, policy: Policy, model: BKT, now: datetime, rng) -> None:
    correct = attempt(cell, model, now, rng)
    if policy.review == "fsrs":
        result = schedule_review(cell.card, correct, now)
        cell.card, cell.due = result.card, result.due
    else:
        cell.due = now + timedelta(days=7)


def sitting(student: Student, policy: Policy, model: BKT, now: datetime, size: int, rng) -> None:
    done = 0
    for cell in student.cells:
        if done < size and cell.moved_on and cell.due is not None and cell.due <= now:
            review(cell, policy, model, now + timedelta(minutes=done), rng)
            done += 1
    target = SessionTarget(kind=TargetKind.MASTERY, items=size, max_items=size)
    misses = 0
    for cell in student.cells:
        if cell.moved_on or cell.stalled:
            continue
        while done < size:
            moment = now + timedelta(minutes=done)
            correct = attempt(cell, model, moment, rng)
            done += 1
            misses = 0 if correct else misses + 1
            if level_of(cell, policy.move_on):
                move_on(cell, policy, moment)
                break
            if cell.items >= STALL_ITEMS:
                cell.stalled = True
                break
            progress = SessionProgress(done, misses if policy.route_after_misses else 0, False)
            if end_reason(target, progress) is EndReason.ROUTED:
                cell.learner = cell.learner.study(rng)  # the lesson the summary offers
                return
        return  # one standard a sitting at most, as the board's next step


def move_on(cell: Cell, policy: Policy, when: datetime) -> None:
    cell.moved_on = True
    cell.items_to_move_on = cell.items
    cell.false_mastery = not cell.learner.learned
    if policy.review == "fsrs":
        result = schedule_review(None, True, when)
        cell.card, cell.due = result.card, result.due
    elif policy.review == "weekly":
        cell.due = when + timedelta(days=7)


def new_student(kind: tuple, n_standards: int, stability: float, model: BKT, rng) -> Student:
    prior, learn, guess, slip, lesson = kind
    params = BKTParams(prior=prior, learn=learn, guess=guess, slip=slip)
    cells = []
    for k in range(n_standards):
        learner = InteractiveLearner.start(params, rng, study_gain=lesson)
        cells.append(Cell(learner, stability, state=model.initial_state(f"s{k}")))
    return Student(cells)


@dataclass
class Outcome:
    items_to_move_on: list[int] = field(default_factory=list)
    moved_on: list[float] = field(default_factory=list)
    retained: list[float] = field(default_factory=list)
    false_mastery: list[float] = field(default_factory=list)
    stalled: list[bool] = field(default_factory=list)


def run(policy: Policy, args: argparse.Namespace) -> Outcome:
    rng = np.random.default_rng(args.seed)  # the same students for every policy
    model, outcome = BKT(), Outcome()
    kinds = list(KINDS.values())
    for index in range(args.students):
        student = new_student(kinds[index % len(kinds)], args.standards, args.stability, model, rng)
        for day in range(args.days):
            sitting(student, policy, model, START + timedelta(days=day), args.sitting, rng)
        end = START + timedelta(days=args.days - 1 + args.delay)
        for cell in student.cells:
            forget(cell, end, rng)
        cells = student.cells
        outcome.items_to_move_on += [c.items_to_move_on for c in cells if c.moved_on]
        outcome.moved_on.append(statistics.fmean(c.moved_on for c in cells))
        outcome.retained.append(statistics.fmean(c.learner.learned for c in cells))
        moved = [c for c in cells if c.moved_on]
        outcome.false_mastery.append(
            statistics.fmean(c.false_mastery for c in moved) if moved else 0.0
        )
        outcome.stalled.append(any(c.stalled for c in cells))
    return outcome


def row(policy: Policy, outcome: Outcome) -> list[str]:
    items = outcome.items_to_move_on or [0]
    return [
        policy.name,
        f"{statistics.median(items):.0f}",
        f"{statistics.fmean(items):.1f}",
        f"{100 * statistics.fmean(outcome.moved_on):.0f}%",
        f"{100 * statistics.fmean(outcome.retained):.0f}%",
        f"{100 * statistics.fmean(outcome.false_mastery):.1f}%",
        f"{100 * statistics.fmean(outcome.stalled):.0f}%",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--standards", type=int, default=8)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--sitting", type=int, default=12)
    parser.add_argument("--delay", type=int, default=30)
    parser.add_argument("--stability", type=float, default=4.0)
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args()
    started = time.perf_counter()
    rows = [row(policy, run(policy, args)) for policy in POLICIES]
    print(f"# Policies on {args.students} simulated students ({today()})")
    print(f"machine: {machine()}")
    print(
        f"{args.standards} standards, {args.days} days of one {args.sitting}-item sitting, "
        f"retention {args.delay} days after; stability {args.stability} days; seed {args.seed}; "
        f"{time.perf_counter() - started:.0f} s"
    )
    header = [
        "policy",
        "items to move on (median)",
        "mean",
        "standards moved on",
        f"known {args.delay} days later",
        "false mastery",
        "students who stall",
    ]
    print(markdown_table(header, rows))


if __name__ == "__main__":
    main()
