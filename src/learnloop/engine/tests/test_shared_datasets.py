"""Reads the real datasets in ../shared when present; skips cleanly otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from learnloop.engine.fitting.readers import read_log

SHARED = Path(os.environ.get("LEARNLOOP_SHARED", Path(__file__).parents[4] / ".." / "shared"))
DATASETS = SHARED / "datasets"


@pytest.mark.shared
@pytest.mark.parametrize(
    ("relative", "fmt"),
    [("assist2009_pybkt_as/as.csv", "assistments"), ("cognitive_tutor_ct/ct.csv", "datashop")],
)
def test_real_files_read(relative: str, fmt: str) -> None:
    path = DATASETS / relative
    if not path.exists():
        pytest.skip(f"{path} is absent")
    log = read_log(path, fmt)
    assert len(log) > 1000 and 0.5 < log.correct.mean() < 0.9
