"""Placement in minutes (issue 21 section 2), on simulated students.

A 30-standard course in three strands of ten (each standard precedes the next in its
strand, and a few standards precede the next step of a neighbouring strand). Each
simulated student knows a prefix of every strand (a shared ability plus a per-strand
offset), closed under the cross-strand prerequisites, and then has a few holes and
islands (each standard flipped with probability `--flip`, so students do not follow
the graph exactly). Answers: right with 1 - slip when known, with guess otherwise,
each item's guess and slip drawn per question; a student who has not learned a
standard says "I haven't learned this yet" with probability 0.4, one who has with 0.02.

The simulated students are drawn from a different process than the engine's prior
(`engine.placement.knowledge_states`), so the check does not see its own assumptions.

Printed: the adaptive check (`engine.placement.place`), a fixed-form test of the same
length (the adaptive mean, rounded; standards spread along the learning order; the
same inference), and no questions at all; each with questions asked (mean, p90, max)
and the share of per-standard placements (known / not) that are right.
`--students N` (default 400), `--seed S`, `--confidence C`, `--max-questions N`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import numpy as np

from _common import machine, markdown_table, today
from learnloop.engine.placement import (
    KnowledgeStates,
    Outcome,
    PlacementAnswer,
    PlacementCourse,
    PlacementSettings,
    close_under_prerequisites,
    fixed_form,
    knowledge_states,
    place,
)

STRANDS, STEPS = 3, 10


def course() -> PlacementCourse:
    ids = tuple(f"S{strand}.{step}" for strand in range(STRANDS) for step in range(STEPS))
    links = [(f"S{a}.{i}", f"S{a}.{i + 1}") for a in range(STRANDS) for i in range(STEPS - 1)]
    links += [(f"S{a}.{i}", f"S{(a + 1) % STRANDS}.{i + 1}") for a in range(STRANDS)
              for i in range(1, STEPS - 1, 3)]  # fmt: skip
    return PlacementCourse(ids, tuple(links))


def students(
    placement_course: PlacementCourse, n: int, flip: float, rng: np.random.Generator
) -> np.ndarray:
    """Hidden knowledge, (students, standards)."""
    ability = rng.uniform(-0.1, 1.1, size=(n, 1))
    progress = ability + rng.normal(0.0, 0.15, size=(n, STRANDS))
    steps = np.arange(STEPS)[None, None, :]
    known = (progress[:, :, None] * STEPS) > steps + 0.5
    known = known.reshape(n, STRANDS * STEPS)
    index = {s: i for i, s in enumerate(placement_course.standard_ids)}
    known = close_under_prerequisites(placement_course, known, index)
    return known ^ (rng.random(known.shape) < flip)


def answer(known: bool, rng: np.random.Generator) -> Outcome:
    guess, slip = rng.uniform(0.1, 0.3), rng.uniform(0.05, 0.15)
    if rng.random() < (0.02 if known else 0.4):
        return Outcome.NOT_YET
    right = rng.random() < (1 - slip if known else guess)
    return Outcome.RIGHT if right else Outcome.WRONG


def accuracy(estimate_probabilities: dict[str, float], truth: np.ndarray, ids) -> float:
    placed = np.array([estimate_probabilities[s] >= 0.5 for s in ids])
    return float((placed == truth).mean())


def run_adaptive(states: KnowledgeStates, truth, settings, rng) -> tuple[int, float]:
    answers: list[PlacementAnswer] = []
    ids = states.course.standard_ids
    while True:
        estimate = place(states, answers, settings)
        if estimate.done or estimate.next_standard is None:
            return len(answers), accuracy(dict(estimate.probabilities), truth, ids)
        k = ids.index(estimate.next_standard)
        answers.append(PlacementAnswer(estimate.next_standard, answer(bool(truth[k]), rng)))


def run_fixed(states: KnowledgeStates, truth, form, settings, rng) -> float:
    ids = states.course.standard_ids
    answers = [PlacementAnswer(s, answer(bool(truth[ids.index(s)]), rng)) for s in form]
    relaxed = PlacementSettings(**{**settings.__dict__, "max_questions": len(form) + 1})
    return accuracy(dict(place(states, answers, relaxed).probabilities), truth, ids)


def row(name: str, counts: list[int], scores: list[float]) -> list[str]:
    return [
        name,
        f"{statistics.fmean(counts):.1f}",
        f"{np.percentile(counts, 90):.0f}",
        f"{max(counts)}",
        f"{100 * statistics.fmean(scores):.1f}%",
        f"{100 * np.percentile(scores, 10):.1f}%",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=400)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--flip", type=float, default=0.03)
    parser.add_argument("--confidence", type=float, default=PlacementSettings().confidence)
    parser.add_argument("--max-questions", type=int, default=PlacementSettings().max_questions)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    settings = PlacementSettings(confidence=args.confidence, max_questions=args.max_questions)
    placement_course = course()
    truth = students(placement_course, args.students, args.flip, rng)
    started = time.perf_counter()
    counts, adaptive = [], []
    prior_scores = []
    for k in range(args.students):
        states = knowledge_states(placement_course, np.random.default_rng(k), settings)
        count, score = run_adaptive(states, truth[k], settings, rng)
        counts.append(count)
        adaptive.append(score)
        prior_scores.append(accuracy(dict(place(states, [], settings).probabilities), truth[k],
                                     placement_course.standard_ids))  # fmt: skip
    seconds = time.perf_counter() - started
    length = round(statistics.fmean(counts))
    form = fixed_form(placement_course, length)
    fixed = [
        run_fixed(
            knowledge_states(placement_course, np.random.default_rng(k), settings),
            truth[k],
            form,
            settings,
            rng,
        )
        for k in range(args.students)
    ]
    print(f"# Placement, {args.students} simulated students, 30 standards ({today()})")
    print(f"machine: {machine()}")
    print(
        f"settings: confidence {settings.confidence}, at most {settings.max_questions} "
        f"questions, {settings.states} sampled states; flip {args.flip}; seed {args.seed}"
    )
    header = ["check", "questions (mean)", "p90", "max", "placements right", "p10 student"]
    print(
        markdown_table(
            header,
            [
                row("adaptive (engine.placement)", counts, adaptive),
                row(f"fixed form, {len(form)} questions", [len(form)] * len(fixed), fixed),
                row("no questions (prior only)", [0] * len(prior_scores), prior_scores),
            ],
        )
    )
    per_step = 1000 * seconds / max(sum(counts) + args.students, 1)
    print(f"\nadaptive check: {per_step:.2f} ms per estimate (all students, this machine)")


if __name__ == "__main__":
    main()
