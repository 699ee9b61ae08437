"""`learnloop fit`: the log streamed in chunks, fitted, stored as the active EngineModel."""

from __future__ import annotations

import numpy as np
import pytest

from learnloop.cli import main
from learnloop.demo.seed_synthetic import seed_synthetic
from learnloop.demo.synthetic import FRAMEWORK_ID
from learnloop.engine.fitting.log import ResponseLog
from learnloop.learning import fitting
from learnloop.learning.engine_state import active_model, forget_cached_model
from learnloop.learning.models import EngineModel, Response
from learnloop.standards.models import Standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def district() -> None:
    forget_cached_model()
    seed_synthetic(students=30, responses=1_500, seed=4, progress=lambda _: None)


def test_the_log_is_streamed_in_chunks_and_read_in_student_order(
    district: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fitting, "CHUNK_ROWS", 100)
    log, read = fitting.response_log()
    rows = list(
        Response.objects.order_by("student_id", "created_at", "pk").values_list(
            "student_id", "standard_ids", "correct"
        )
    )
    expected = ResponseLog.from_records(
        [str(s) for s, ids, _ in rows for _ in ids],
        [str(i) for _, ids, _ in rows for i in ids],
        [int(c) for _, ids, c in rows for _ in ids],
    )
    assert read == len(rows) == 1_500
    assert log.student_ids == expected.student_ids
    assert [log.skill_ids[k] for k in log.skill] == [expected.skill_ids[k] for k in expected.skill]
    assert np.array_equal(log.student, expected.student)
    assert np.array_equal(log.correct, expected.correct)


def test_fit_stores_the_active_model_that_the_answer_path_uses(
    district: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["fit", "--model", "bkt"]) == 0
    assert "fitted bkt on 1,500 responses" in capsys.readouterr().out
    assert main(["fit", "--model", "bkt", "--limit", "600"]) == 0
    newest = EngineModel.objects.get(active=True)
    assert EngineModel.objects.count() == 2
    assert newest.responses_used == 600 and newest.params["model"] == "bkt"
    leaves = Standard.objects.filter(framework__identifier=FRAMEWORK_ID, children__isnull=True)
    assert set(newest.params["skills"]) <= {str(pk) for pk in leaves.values_list("pk", flat=True)}
    assert newest.params["skills"]
    assert active_model().params() == newest.params


def test_fit_refuses_an_empty_log(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fit"]) == 1
    assert "no responses" in capsys.readouterr().out
    assert not EngineModel.objects.exists()
