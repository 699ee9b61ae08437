"""`learnloop evaluate` on small files of our own (no ../shared needed)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pytest

from learnloop.engine import cli_evaluate
from learnloop.engine.simulate import random_skills, simulate
from learnloop.engine.tracing import MODELS


def write_three_line(path: Path, correct: np.ndarray) -> None:
    lines = []
    for student in correct:
        skills = [str(k) for k in range(student.shape[0]) for _ in range(student.shape[1])]
        lines += [str(len(skills)), ",".join(skills) + ",", ",".join(map(str, student.ravel()))]
    path.write_text("\n".join(lines) + "\n")


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    cli_evaluate.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return int(args.handler(args))


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    rng = np.random.default_rng(4)
    learners = simulate(random_skills(3, rng), 80, 6, rng, ability_sd=0.8)
    folder = tmp_path_factory.mktemp("logs")
    write_three_line(folder / "train.csv", learners.correct[:60])
    write_three_line(folder / "test.csv", learners.correct[60:])
    return folder / "train.csv", folder / "test.csv"


def test_json_output_has_one_object_per_model(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    train, test = files
    status = run(["evaluate", "--train", str(train), "--test", str(test),
                  "--format", "three-line", "--model", "all", "--json"])  # fmt: skip
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == 0 and len(rows) == len(MODELS)
    assert {"model", "auc", "rmse", "accuracy", "log_loss", "fit_seconds",
            "predict_seconds", "update_microseconds", "n"} == set(rows[0])  # fmt: skip


def test_table_output_uses_default_model(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    train, test = files
    assert run(["evaluate", "--train", str(train), "--test", str(test),
                "--format", "three-line"]) == 0  # fmt: skip
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("model") and out[1].startswith("hybrid")


def test_bad_file_reports_where(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("2\n1,1\n1,x\n")
    assert run(["evaluate", "--train", str(bad), "--test", str(bad),
                "--format", "three-line"]) == 2  # fmt: skip
    assert "bad.csv, line 3" in capsys.readouterr().err
