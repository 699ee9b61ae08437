"""Peak memory of a model's fit, per response, at several log sizes.

Each fit runs in a fresh process that loads a prepared log from a compact file (so the
process's peak resident memory is imports + log + fit, not how the log was made) and
reports its peak RSS before and after the fit (`resource.getrusage`). Logs:

- `assist2009`: DKVMN's ASSIST2009 training file, its students copied `--copies` times
  under new ids (a synthetic replication to show the slope; no items or times, so the
  relational model works per skill); AUC on the file's test students;
- `concepts`: `engine.simulate_concepts` (items, timestamps, tags removed: the shape of
  LearnLoop's own log), `--students` x 100 answers.

`--src DIR` runs the fits on another checkout's `src` (the code before a change), on
the same logs, so before and after compare like with like; `--predictions FILE` keeps
the test predictions for such a comparison.

    python benchmarks/kt_memory.py concepts --students 10000 20000 [--model relational]
    python benchmarks/kt_memory.py assist2009 --copies 1 4
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

ANSWERS = 100
ASSIST2009 = "assist2009_updated/assist2009_updated"


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def save_log(log: Any, path: Path) -> None:
    """The log's arrays and vocabularies, uncompressed (loading allocates only them)."""
    arrays: dict[str, Any] = {
        "student": log.student,
        "skill": log.skill,
        "correct": log.correct,
        "student_ids": np.asarray(log.student_ids, dtype=str),
        "skill_ids": np.asarray(log.skill_ids, dtype=str),
    }
    if log.item is not None and log.item_ids is not None:
        arrays["item"], arrays["item_ids"] = log.item, np.asarray(log.item_ids, dtype=str)
    if log.timestamp is not None:
        arrays["timestamp"] = log.timestamp
    np.savez(path, **arrays)


def load_log(path: Path) -> Any:
    from learnloop.engine.fitting.log import ResponseLog

    data = np.load(path)
    has_items = "item" in data
    return ResponseLog(
        student=data["student"],
        skill=data["skill"],
        correct=data["correct"],
        student_ids=tuple(data["student_ids"].tolist()),
        skill_ids=tuple(data["skill_ids"].tolist()),
        item=data["item"] if has_items else None,
        item_ids=tuple(data["item_ids"].tolist()) if has_items else None,
        timestamp=data.get("timestamp", None),
    )


def worker(train: Path, test: Path | None, model_name: str, predictions: Path | None) -> None:
    """Fit in this fresh process; print one JSON line."""
    import scipy.optimize  # imported before the baseline, as a fit would
    import scipy.signal
    import scipy.sparse.linalg  # noqa: F401

    from learnloop.engine.fitting import metrics
    from learnloop.engine.tracing import make_model

    log = load_log(train)
    before = _peak_mib()
    model = make_model(model_name)
    start, cpu = time.perf_counter(), time.process_time()
    model.fit(log)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = _peak_mib()
    result: dict[str, Any] = {
        "responses": len(log),
        "fit_seconds": seconds,
        "fit_cpu_seconds": cpu,
        "rss_before_mib": before,
        "rss_peak_mib": peak,
        "code": str(Path(sys.modules["learnloop"].__file__ or "").parent.parent),
    }
    if test is not None:
        held_out = load_log(test)
        predicted = model.predict_proba(held_out)
        result["auc"] = metrics.auc(held_out.correct, predicted)
        if predictions is not None:
            np.save(predictions, predicted)
    print(json.dumps(result))


def assist2009_logs(copies: int, folder: Path) -> tuple[Path, Path]:
    from _common import shared_dir
    from learnloop.engine.fitting.log import ResponseLog
    from learnloop.engine.fitting.readers import read_three_line

    base = shared_dir() / "datasets" / ASSIST2009
    train = read_three_line(Path(f"{base}_train.csv"))
    students = np.asarray(train.student_ids, dtype=object)[train.student]
    skills = list(np.asarray(train.skill_ids, dtype=object)[train.skill])
    names: list[str] = []
    for copy in range(copies):
        names += [f"{s}#{copy}" for s in students]
    big = ResponseLog.from_records(names, skills * copies, np.tile(train.correct, copies))
    train_path, test_path = folder / f"a09x{copies}.npz", folder / "a09test.npz"
    save_log(big, train_path)
    save_log(read_three_line(Path(f"{base}_test.csv")), test_path)
    return train_path, test_path


def concepts_log(n_students: int, folder: Path) -> Path:
    from learnloop.engine.simulate_concepts import simulate_hidden_concepts

    logs = simulate_hidden_concepts(n_students, ANSWERS, np.random.default_rng(7))
    path = folder / f"concepts{n_students}.npz"
    save_log(logs.removed, path)
    return path


def run_one(args: argparse.Namespace, train: Path, test: Path | None, label: str) -> None:
    env = dict(os.environ)
    src = Path(args.src).resolve() if args.src else Path(__file__).resolve().parents[1] / "src"
    env["PYTHONPATH"] = str(src)
    command = [sys.executable, __file__, "--worker", str(train), "--model", args.model]
    if test is not None:
        command += ["--test", str(test)]
    if args.predictions and test is not None:
        command += ["--predictions", f"{args.predictions}-{label}.npy"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    grown = result["rss_peak_mib"] - result["rss_before_mib"]
    per_response = grown * 2**20 / result["responses"]
    auc = f" AUC {result['auc']:.4f}" if "auc" in result else ""
    print(
        f"{label} {args.model}: {result['responses']:,} responses, fit "
        f"{result['fit_seconds']:.1f} s ({result['fit_cpu_seconds']:.1f} s CPU), "
        f"peak RSS {result['rss_peak_mib']:.0f} MiB "
        f"({result['rss_before_mib']:.0f} before the fit: +{per_response:.0f} B a response)"
        f"{auc} [{result['code']}]",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log", nargs="?", choices=["assist2009", "concepts"])
    parser.add_argument("--model", default="relational")
    parser.add_argument("--copies", type=int, nargs="*", default=[1])
    parser.add_argument("--students", type=int, nargs="*", default=[10_000])
    parser.add_argument("--src", help="the src folder whose engine fits (default: this one)")
    parser.add_argument("--predictions", help="save test predictions to PREFIX-LABEL.npy")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--test", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        test = Path(args.test) if args.test else None
        saved = Path(args.predictions) if args.predictions else None
        worker(Path(args.worker), test, args.model, saved)
        return
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    with tempfile.TemporaryDirectory() as folder:
        if args.log == "assist2009":
            for copies in args.copies:
                train, test = assist2009_logs(copies, Path(folder))
                run_one(args, train, test, f"assist2009x{copies}")
        else:
            for n_students in args.students:
                run_one(args, concepts_log(n_students, Path(folder)), None, f"concepts{n_students}")


if __name__ == "__main__":
    main()
