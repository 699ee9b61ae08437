"""Knowledge-tracing benchmark: every LearnLoop model beside pyBKT on the same split.

For each dataset (DKVMN's pre-processed ASSISTments 2009 and 2015 files, student-level
train/test split as published), fits on the training students and predicts each test
student's answers from their own past. pyBKT runs in its own virtualenv (.bench-venv,
built from source so its C++ core is used) through a subprocess, on the same files, in
the same run. Prints one table, the published deep-learning results, and writes the
table, a calibration table and a reliability plot under docs/benchmarks/.

    python benchmarks/kt.py [--shared DIR] [--bench-python PATH] [--no-pybkt]
    python benchmarks/kt.py --calibration-only   # the default's calibration section only
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, machine, markdown_table, shared_dir, text_table, today
from _reliability import reliability_svg
from learnloop.engine.fitting import metrics
from learnloop.engine.fitting.evaluate import evaluate
from learnloop.engine.fitting.readers import read_three_line
from learnloop.engine.tracing import DEFAULT_MODEL, MODELS, make_model

DATASETS = {
    "ASSIST2009": "assist2009_updated/assist2009_updated",
    "ASSIST2015": "assist2015/assist2015",
}
PUBLISHED = (
    "Published on these very files (Zhang et al. 2017, DKVMN, WWW'17, test AUC):\n"
    "  ASSIST2009: DKT 0.805, DKVMN 0.816    ASSIST2015: DKT 0.725, DKVMN 0.727"
)
HEADER = ["dataset", "model", "AUC", "RMSE", "fit s", "update us", "n"]


def run_pybkt(python: Path, train: Path, test: Path) -> dict[str, Any]:
    """pyBKT's fit and predictions on the same files, scored with our metrics."""
    script = REPO / "benchmarks" / "_pybkt_runner.py"
    command = [str(python), str(script), "--train", str(train), "--test", str(test)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if not result["compiled_core"]:
        raise SystemExit("pyBKT is running its pure-Python fallback; rebuild .bench-venv")
    y = np.asarray(result["correct"])
    p = np.asarray(result["p_correct"])
    return {
        "model": "pyBKT 1.4.3 (C++)",
        "auc": metrics.auc(y, p),
        "rmse": metrics.rmse(y, p),
        "fit_seconds": result["fit_seconds"],
        "update_microseconds": float("nan"),
        "n": int(y.shape[0]),
    }


def benchmark(name: str, base: Path, pybkt: Path | None) -> tuple[list[dict[str, Any]], Any]:
    """All rows for one dataset, and the default model's reliability bins."""
    train_path, test_path = Path(f"{base}_train.csv"), Path(f"{base}_test.csv")
    train, test = read_three_line(train_path), read_three_line(test_path)
    rows: list[dict[str, Any]] = []
    bins = None
    for model_name in MODELS:
        model = make_model(model_name)
        rows.append({"dataset": name, **evaluate(model, train, test).to_dict()})
        rows[-1]["model"] = model_name
        if model_name == DEFAULT_MODEL:
            bins = metrics.reliability(test.correct, model.predict_proba(test))
        print(f"  {name} {model_name}: AUC {rows[-1]['auc']:.4f}", file=sys.stderr)
    if pybkt is not None:
        rows.append({"dataset": name, **run_pybkt(pybkt, train_path, test_path)})
    return rows, bins


def format_rows(rows: list[dict[str, Any]]) -> list[list[str]]:
    return [
        [
            r["dataset"],
            r["model"] + (" (default)" if r["model"] == DEFAULT_MODEL else ""),
            f"{r['auc']:.4f}",
            f"{r['rmse']:.4f}",
            f"{r['fit_seconds']:.2f}",
            "-" if np.isnan(r["update_microseconds"]) else f"{r['update_microseconds']:.1f}",
            str(r["n"]),
        ]
        for r in rows
    ]


CALIBRATION_HEADING = "## Calibration of the default model"


def calibration_section(bins: dict[str, Any], out: Path) -> str:
    """Write the reliability plot beside `out`; the calibration section's markdown."""
    svg_path = out.with_name("kt-reliability.svg")
    svg_path.write_text(reliability_svg(bins, f"Reliability of '{DEFAULT_MODEL}' on test students"))
    calibration = [
        [name, f"{pred:.3f}", f"{observed:.3f}", str(count)]
        for name, series in bins.items()
        for pred, observed, count in series
    ]
    return "\n\n".join(
        [
            CALIBRATION_HEADING,
            f"`{DEFAULT_MODEL}` fitted on the training students, bins of its predictions on "
            f"the test students' answers. Run {today()} on {machine()} by "
            "`python benchmarks/kt.py` (or `--calibration-only`).",
            "![reliability plot](kt-reliability.svg)",
            markdown_table(["dataset", "mean predicted", "observed", "answers"], calibration),
        ]
    )


def default_bins(datasets: Path) -> dict[str, Any]:
    """The default model's reliability bins on each dataset's test students."""
    bins: dict[str, Any] = {}
    for name, relative in DATASETS.items():
        base = datasets / relative
        train, test = (
            read_three_line(Path(f"{base}_train.csv")),
            read_three_line(Path(f"{base}_test.csv")),
        )
        model = make_model(DEFAULT_MODEL)
        model.fit(train)
        bins[name] = metrics.reliability(test.correct, model.predict_proba(test))
        print(f"  {name} {DEFAULT_MODEL}: calibration bins done", file=sys.stderr)
    return bins


def replace_calibration(bins: dict[str, Any], out: Path) -> None:
    """Rewrite only the calibration section (the file's last) of an existing report."""
    text = out.read_text()
    start = text.index(CALIBRATION_HEADING)
    out.write_text(text[:start] + calibration_section(bins, out) + "\n")


def write_report(rows: list[dict[str, Any]], bins: dict[str, Any], out: Path) -> None:
    """docs/benchmarks/kt.md with the table, machine, date, calibration."""
    out.parent.mkdir(parents=True, exist_ok=True)
    text = "\n\n".join(
        [
            "# Knowledge tracing benchmark",
            f"Run {today()} on {machine()} by `python benchmarks/kt.py` (`make bench`).",
            "Student-level split as published with the files (train / test students); each "
            "test answer is predicted from that student's earlier answers only. Fit time is "
            "wall-clock seconds on the training students; update us is the mean time of one "
            "online `update` + `mastery` call. The machine is shared, so timings move "
            "by up to 2x between runs; AUC and RMSE are deterministic.",
            markdown_table(HEADER, format_rows(rows)),
            PUBLISHED.replace("\n  ", "\n\n"),
            "Data: see ../shared/datasets/*/SOURCE.txt (Feng, Heffernan & Koedinger 2009; "
            "files as pre-processed by Zhang et al. 2017).",
            calibration_section(bins, out),
        ]
    )
    out.write_text(text + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="folder holding datasets/ (default ../shared)")
    parser.add_argument("--bench-python", default=str(REPO / ".bench-venv" / "bin" / "python"))
    parser.add_argument("--no-pybkt", action="store_true")
    parser.add_argument("--output", default=str(REPO / "docs" / "benchmarks" / "kt.md"))
    parser.add_argument(
        "--calibration-only",
        action="store_true",
        help="fit only the default model and rewrite the calibration section and plot",
    )
    args = parser.parse_args()
    datasets = shared_dir(args.shared) / "datasets"
    if args.calibration_only:
        replace_calibration(default_bins(datasets), Path(args.output))
        return
    pybkt = None if args.no_pybkt else Path(args.bench_python)
    if pybkt is not None and not pybkt.exists():
        raise SystemExit(f"{pybkt} not found: build the benchmark venv (make .bench-venv)")
    rows: list[dict[str, Any]] = []
    bins: dict[str, Any] = {}
    for name, relative in DATASETS.items():
        if not (datasets / f"{relative}_train.csv").exists():
            print(f"skipping {name}: {datasets / relative}_train.csv is absent", file=sys.stderr)
            continue
        dataset_rows, bins[name] = benchmark(name, datasets / relative, pybkt)
        rows += dataset_rows
    print(text_table(HEADER, format_rows(rows)))
    print()
    print(PUBLISHED)
    if rows:
        write_report(rows, bins, Path(args.output))


if __name__ == "__main__":
    main()
