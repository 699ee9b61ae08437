"""When to declare a skill mastered: the engine's rule against two classroom rules.

Simulated students (known BKT parameters, optionally an IRT ability per student that
shifts guess and slip) answer up to N items per skill. Rules compared:
- engine: P(mastery) >= 0.95 under BKT parameters fitted by EM on other simulated
  students (as in production: parameters come from the log, not from the truth);
- "3 correct in a row"; "5 of the last 7".
For each: share of (student, skill) declared within N items, mean items used until
declaration, and the share truly mastered (hidden state) when declared.

    python benchmarks/mastery_rule.py [--students 2000] [--skills 20] [--seed 7]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, machine, markdown_table, text_table, today
from learnloop.engine.simulate import SimulatedLearners, random_skills, simulate
from learnloop.engine.tracing import BKT, BKTParams
from learnloop.engine.tracing.bkt import mastery_path

THRESHOLD = 0.95
Rule = Callable[[SimulatedLearners], NDArray[np.bool_]]


def engine_rule(params: list[BKTParams], threshold: float = THRESHOLD) -> Rule:
    """Declared after attempt t when the BKT posterior after it reaches `threshold`."""

    def rule(learners: SimulatedLearners) -> NDArray[np.bool_]:
        return mastery_path(learners.correct, params) >= threshold

    return rule


def streak_rule(needed: int, window: int) -> Rule:
    """Declared after attempt t when `needed` of the last `window` answers are correct."""

    def rule(learners: SimulatedLearners) -> NDArray[np.bool_]:
        correct = learners.correct.astype(np.int64)
        totals = np.cumsum(correct, axis=2)
        shifted = np.concatenate(
            [np.zeros((*correct.shape[:2], window), dtype=np.int64), totals], axis=2
        )
        in_window = totals - shifted[:, :, : totals.shape[2]]
        return in_window >= needed

    return rule


def score(learners: SimulatedLearners, declared: NDArray[np.bool_]) -> list[str]:
    """Declared share, mean items until declared, share truly mastered when declared."""
    ever = declared.any(axis=2)
    first = np.argmax(declared, axis=2)
    items = np.where(ever, first + 1, declared.shape[2])
    truly = np.take_along_axis(learners.mastered_after, first[:, :, None], axis=2)[:, :, 0]
    return [
        f"{ever.mean():.1%}",
        f"{items[ever].mean():.2f}" if ever.any() else "-",
        f"{items.mean():.2f}",
        f"{truly[ever].mean():.1%}" if ever.any() else "-",
    ]


SCENARIOS = {  # label: (guess range, IRT ability sd)
    "BKT, guess 0.05-0.30": ((0.05, 0.3), 0.0),
    "BKT + IRT ability (sd 0.7)": ((0.05, 0.3), 0.7),
    "multiple choice, guess 0.25-0.45": ((0.25, 0.45), 0.0),
}


def run(args: argparse.Namespace, label: str) -> list[list[str]]:
    guess, ability_sd = SCENARIOS[label]
    rng = np.random.default_rng(args.seed)
    truth = random_skills(args.skills, rng, guess=guess)
    training = simulate(truth, args.students, args.attempts, rng, ability_sd=ability_sd)
    fitted = BKT().fit(training.to_log())
    params = [fitted.skill_params(f"skill-{k}") for k in range(args.skills)]
    learners = simulate(truth, args.students, args.attempts, rng, ability_sd=ability_sd)
    rules: dict[str, Rule] = {
        f"engine P(mastery) >= {THRESHOLD}": engine_rule(params),
        "3 correct in a row": streak_rule(3, 3),
        "5 of the last 7": streak_rule(5, 7),
    }
    return [[label, name, *score(learners, rule(learners))] for name, rule in rules.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--skills", type=int, default=20)
    parser.add_argument("--attempts", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--output", default=str(REPO / "docs" / "benchmarks" / "mastery-rule.md"))
    args = parser.parse_args()
    header = ["learners", "rule", "declared", "items (declared)", "items (all)", "truly mastered"]
    rows = [row for label in SCENARIOS for row in run(args, label)]
    setup = (
        f"{args.students} students x {args.skills} skills, up to {args.attempts} items per "
        f"skill, seed {args.seed}; BKT parameters for the engine fitted by EM on a separate "
        "simulated cohort."
    )
    print(setup)
    print(text_table(header, rows))
    Path(args.output).write_text(
        "\n\n".join(
            [
                "# Mastery rule on simulated students",
                f"Run {today()} on {machine()} by `python benchmarks/mastery_rule.py`.",
                setup,
                "*items (declared)*: mean items until mastery was declared, over the "
                "(student, skill) pairs where it was; *items (all)* counts undeclared pairs "
                f"as {args.attempts}; *truly mastered*: share whose hidden state was "
                "'learned' when mastery was declared.",
                markdown_table(header, rows),
            ]
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
