"""Relational knowledge tracing: hidden concepts, fit time at scale, online update cost.

1. Hidden concepts (`engine.simulate_concepts`): items from a few latent concepts,
   tags removed or shuffled, per-concept abilities that grow and fade between sessions.
   A global-ability model (the relational model without factors: student counts, item
   difficulty, time), the oracle (the same model told each item's true concept as its
   tag), the default hybrid and the relational model; "gap closed" is how much of the
   AUC gap between global ability and the oracle the model closes.
2. Fit time of the relational model on 250k and 1M simulated responses, and the
   linear extrapolation to 10M (the fit is linear in responses but for L-BFGS
   iterations, which vary).
3. Online `update` + `mastery` microseconds, relational beside hybrid, same run.

    python benchmarks/kt_relations.py [--students N] [--quick]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, machine, markdown_table, text_table, today
from learnloop.engine.fitting import metrics
from learnloop.engine.fitting.evaluate import observation_at, online_update_microseconds
from learnloop.engine.fitting.log import ResponseLog
from learnloop.engine.simulate_concepts import simulate_hidden_concepts
from learnloop.engine.tracing import HybridKT, LearnerModel, RelationalKT, TraceState
from learnloop.engine.tracing.relational_features import Settings

ANSWERS = 100
HIDDEN_HEADER = ["tags", "model", "AUC", "gap closed", "fit s"]
UPDATE_HEADER = ["model", "update us (wall)", "update us (process CPU)"]


def _split(log: ResponseLog, n_students: int) -> tuple[ResponseLog, ResponseLog]:
    keep = np.arange(n_students) < int(0.7 * n_students)
    return log.select_students(keep), log.select_students(~keep)


def _score(model: LearnerModel, log: ResponseLog, n_students: int) -> tuple[float, float]:
    train, test = _split(log, n_students)
    start = time.perf_counter()
    model.fit(train)
    seconds = time.perf_counter() - start
    return metrics.auc(test.correct, model.predict_proba(test)), seconds


def hidden_concepts(n_students: int) -> list[list[str]]:
    logs = simulate_hidden_concepts(n_students, ANSWERS, np.random.default_rng(2026))
    runs = [
        ("removed", "global ability (relational, 0 factors)", RelationalKT(settings=Settings(0))),
        ("true concepts", "oracle (relational, 0 factors)", RelationalKT(settings=Settings(0))),
        ("removed", "hybrid (default)", HybridKT()),
        ("removed", "relational", RelationalKT()),
        ("shuffled", "hybrid (default)", HybridKT()),
        ("shuffled", "relational", RelationalKT()),
    ]
    views = {"removed": logs.removed, "true concepts": logs.oracle, "shuffled": logs.shuffled}
    scores = []
    for tags, label, model in runs:
        auc, seconds = _score(model, views[tags], n_students)
        scores.append((tags, label, auc, seconds))
        print(f"  {tags} {label}: AUC {auc:.4f} ({seconds:.1f} s)", file=sys.stderr)
    floor, ceiling = scores[0][2], scores[1][2]
    return [
        [tags, label, f"{auc:.4f}", f"{100 * (auc - floor) / (ceiling - floor):.0f}%", f"{s:.1f}"]
        for tags, label, auc, s in scores
    ]


def fit_scaling(sizes: list[int]) -> list[list[str]]:
    rows = []
    for n_students in sizes:
        logs = simulate_hidden_concepts(n_students, ANSWERS, np.random.default_rng(7))
        start = time.perf_counter()
        RelationalKT().fit(logs.removed)
        seconds = time.perf_counter() - start
        responses = n_students * ANSWERS
        per_10m = seconds * 10_000_000 / responses / 60
        rows.append([f"{responses:,}", f"{seconds:.1f}", f"{per_10m:.0f}"])
        print(f"  fit {responses:,} responses: {seconds:.1f} s", file=sys.stderr)
    return rows


def _cpu_microseconds(model: LearnerModel, log: ResponseLog, limit: int) -> float:
    """Process CPU microseconds per `update` + `mastery` (not counting time spent waiting
    for a core, which dominates wall time on a shared machine)."""
    count = min(limit, len(log))
    states: dict[int, TraceState] = {}
    spent = 0.0
    for i in range(count):
        student = int(log.student[i])
        observation = observation_at(log, i, log.skill_ids[int(log.skill[i])])
        state = states.get(student) or model.initial_state(observation.skill_id)
        start = time.process_time()
        state = model.update(state, observation)
        model.mastery(state)
        spent += time.process_time() - start
        states[student] = state
    return 1e6 * spent / max(count, 1)


def update_cost(n_students: int) -> list[list[str]]:
    logs = simulate_hidden_concepts(n_students, ANSWERS, np.random.default_rng(9))
    train, test = _split(logs.removed, n_students)
    rows = []
    for model in (HybridKT(), RelationalKT()):
        model.fit(train)
        wall = online_update_microseconds(model, test, 20_000)
        cpu = _cpu_microseconds(model, test, 20_000)
        rows.append([model.name, f"{wall:.1f}", f"{cpu:.1f}"])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=3000)
    parser.add_argument("--quick", action="store_true", help="small sizes, no report")
    parser.add_argument("--update-only", action="store_true", help="only the update cost")
    parser.add_argument("--output", default=str(REPO / "docs" / "benchmarks" / "kt-relations.md"))
    args = parser.parse_args()
    students = 600 if args.quick else args.students
    if args.update_only:
        print(text_table(UPDATE_HEADER, update_cost(students)))
        return
    hidden = hidden_concepts(students)
    scaling = fit_scaling([500, 1000] if args.quick else [2_500, 10_000])
    updates = update_cost(students)
    print(text_table(HIDDEN_HEADER, hidden))
    print()
    print(text_table(["responses", "fit s", "extrapolated min for 10M"], scaling))
    print()
    print(text_table(UPDATE_HEADER, updates))
    if args.quick:
        return
    text = "\n\n".join(
        [
            "# Relational knowledge tracing benchmark",
            f"Run {today()} on {machine()} by `python benchmarks/kt_relations.py` "
            "(`make bench`). The machine was shared with other jobs: timings can be 2-5x "
            "slower than on an idle machine; AUCs are deterministic.",
            "## Hidden concepts",
            f"{students:,} simulated students x {ANSWERS} answers "
            "(`engine.simulate_concepts`, 5 concepts x 20 items, interleaved practice, "
            "abilities that grow and fade between sessions), 70/30 student split. "
            "`removed`: every item has the same tag; `shuffled`: tags drawn at random; "
            "`true concepts`: the oracle's tags. Gap closed = (AUC - global ability) / "
            "(oracle - global ability). The hybrid has no item difficulty, which is most of "
            "what the other models gain where tags are missing.",
            markdown_table(HIDDEN_HEADER, hidden),
            "## Fit time",
            "Relational model on the `removed` view (one tag, 100 items, timestamps).",
            markdown_table(["responses", "fit s", "extrapolated min for 10M"], scaling),
            "## Online update",
            "Mean `update` + `mastery` microseconds over 20,000 test answers (with item id "
            "and timestamp), both models in the same run: wall clock, and the process's CPU "
            "time (which leaves out waiting for a core on a shared machine).",
            markdown_table(UPDATE_HEADER, updates),
        ]
    )
    Path(args.output).write_text(text + "\n")


if __name__ == "__main__":
    main()
