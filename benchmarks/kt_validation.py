"""Candidate features for the default model, scored on validation folds only.

The published ASSIST2009 / ASSIST2015 train files come with five train/valid folds of the
training students (DKVMN's). This fits the default hybrid, and the hybrid with extra
columns, on train{k} and scores valid{k}: a feature earns a place in the default only if
it helps on the folds, never by looking at the test students. The candidates need only
what the three-line files hold (skill id and correctness per answer, in order):

- gap, gapfail: log(1 + answers since the last one on this skill), and that signed by
  whether the last one on the skill was wrong (forgetting by interleaving);
- logpos: log(1 + the student's answers so far);
- last2, last2_sw: the answer two back (+1/-1), and that when neither of the last two
  was on this skill (the third row of a three-skill item);
- stud05, stud097: the student's +1/-1 answers, decayed 0.5 and 0.97 per answer;
- skill04, skill_last: the same on this skill, decayed 0.4, and its last answer;
- ps:NAME: a per-skill slope on one of the hybrid's own features;
- relational, relational-six: the relational model as it is (the first default's two
  per-skill slopes) and with the hybrid's six.

    python benchmarks/kt_validation.py 09 1 base gap+gapfail+logpos ps:student_rate
    python benchmarks/kt_validation.py 09 1 relational relational-six
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import shared_dir
from learnloop.engine.fitting import metrics
from learnloop.engine.fitting.log import ResponseLog, pair_groups
from learnloop.engine.fitting.readers import read_three_line
from learnloop.engine.tracing.base import FloatArray
from learnloop.engine.tracing.features import exclusive_sums
from learnloop.engine.tracing.hybrid import PER_SKILL, HybridKT
from learnloop.engine.tracing.relational import RelationalKT

FILES = {"09": "assist2009_updated/assist2009_updated_", "15": "assist2015/assist2015_"}


def extra_columns(log: ResponseLog) -> dict[str, FloatArray]:
    """Every candidate column, each from earlier answers of the same student only."""
    n, correct = len(log), log.correct.astype(np.float64)
    signed, student, skill, index = 2 * correct - 1, log.student, log.skill, np.arange(len(log))
    first = np.maximum.accumulate(np.where(np.r_[True, student[1:] != student[:-1]], index, 0))
    position = index - first
    pair, _ = pair_groups(log)
    order = np.lexsort((index, pair))
    same = np.r_[False, pair[order][1:] == pair[order][:-1]]
    previous = np.full(n, -1)
    previous[order[same]] = order[np.flatnonzero(same) - 1]
    seen = previous >= 0
    gap = np.log1p(np.where(seen, index - previous - 1, 0))
    last_on_skill = np.where(seen, signed[np.maximum(previous, 0)], 0.0)
    two_back = np.where(position >= 2, np.r_[0.0, 0.0, signed[:-2]][:n], 0.0)
    skill_two_back, skill_one_back = np.r_[-1, -1, skill[:-2]][:n], np.r_[-1, skill[:-1]][:n]
    return {
        "gap": gap,
        "gapfail": -gap * last_on_skill,
        "logpos": np.log1p(position),
        "last2": two_back,
        "last2_sw": two_back * ((skill_two_back != skill) & (skill_one_back != skill)),
        "stud05": exclusive_sums(signed, student, 0.5),
        "stud097": exclusive_sums(signed, student, 0.97),
        "skill04": exclusive_sums(signed, pair, 0.4),
        "skill_last": last_on_skill,
    }


class RelationalSixSlopes(RelationalKT):
    """The relational model with the hybrid's six per-skill slopes instead of two."""

    def _set_spec(self, n_factors: int) -> None:
        super()._set_spec(n_factors)
        self.spec = replace(self.spec, per_skill=PER_SKILL)


def variant(names: list[str]) -> HybridKT:
    if names == ["relational"]:
        return RelationalKT()
    if names == ["relational-six"]:
        return RelationalSixSlopes()
    slopes = tuple(name[3:] for name in names if name.startswith("ps:"))
    columns = [name for name in names if not name.startswith("ps:")]
    base = HybridKT.spec

    class Candidate(HybridKT):
        spec = replace(base, n_extra=base.n_extra + len(columns), per_skill=base.per_skill + slopes)

        def _extra_from_log(self, log: ResponseLog, out: FloatArray) -> None:
            base_extra = base.n_extra
            super()._extra_from_log(log, out[:, :base_extra])
            extra = extra_columns(log)
            for j, column in enumerate(columns):
                out[:, base_extra + j] = extra[column]

    return Candidate()


def main(argv: list[str]) -> None:
    if len(argv) < 2:  # `make bench` runs every script bare: this one is a tool, not a table
        print("kt_validation: choose a dataset and a validation fold, e.g.")
        print("  python benchmarks/kt_validation.py 09 1 base relational")
        print("(model selection on validation folds; nothing to run without them)")
        return
    dataset, fold, *variants = argv
    if fold == "test" or not fold.isdigit():
        raise SystemExit("choose a validation fold 1-5: the test students are not for choosing")
    prefix = shared_dir() / "datasets" / FILES[dataset]
    train = read_three_line(Path(f"{prefix}train{fold}.csv"))
    valid = read_three_line(Path(f"{prefix}valid{fold}.csv"))
    for name in variants or ["base"]:
        model = variant([] if name == "base" else name.split("+"))
        start = time.perf_counter()
        model.fit(train)
        seconds = time.perf_counter() - start
        auc = metrics.auc(valid.correct, model.predict_proba(valid))
        print(f"{dataset} fold {fold} {name:<50} AUC {auc:.5f} fit {seconds:.1f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
