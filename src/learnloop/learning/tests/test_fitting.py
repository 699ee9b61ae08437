"""`learnloop fit`: the log streamed in chunks, fitted, stored as the active EngineModel."""

from __future__ import annotations

import math
from collections import Counter
from datetime import UTC, datetime

import numpy as np
import pytest

from learnloop.accounts.models import User
from learnloop.cli import main
from learnloop.content.models import Item
from learnloop.demo.seed_synthetic import seed_synthetic
from learnloop.demo.synthetic import FRAMEWORK_ID
from learnloop.engine.fitting.log import ResponseLog
from learnloop.engine.tracing import DEFAULT_MODEL, make_model
from learnloop.engine.tracing.base import Observation
from learnloop.engine.tracing.relational import RelationalKT
from learnloop.learning import fitting
from learnloop.learning.engine_state import active_model, forget_cached_model
from learnloop.learning.models import EngineModel, Response
from learnloop.learning.practice import _Predictor
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
            "student_id", "standard_ids", "correct", "item_id", "created_at"
        )
    )
    expected = ResponseLog.from_records(
        [str(s) for s, ids, *_ in rows for _ in ids],
        [str(i) for _, ids, *_ in rows for i in ids],
        [int(c) for _, ids, c, *_ in rows for _ in ids],
        items=[str(item) for _, ids, _, item, _ in rows for _ in ids],
        timestamps=[when.timestamp() for _, ids, *_, when in rows for _ in ids],
    )
    assert read == len(rows) == 1_500
    assert log.student_ids == expected.student_ids
    assert [log.skill_ids[k] for k in log.skill] == [expected.skill_ids[k] for k in expected.skill]
    assert np.array_equal(log.student, expected.student)
    assert np.array_equal(log.correct, expected.correct)
    assert log.item is not None and log.item_ids is not None and expected.item is not None
    assert expected.item_ids is not None
    assert [log.item_ids[k] for k in log.item] == [expected.item_ids[k] for k in expected.item]
    assert log.timestamp is not None and expected.timestamp is not None
    # The database computes the seconds (SQLite through julianday: within a millisecond).
    np.testing.assert_allclose(log.timestamp, expected.timestamp, rtol=0, atol=1e-3)
    assert len(log.item_ids) > 1


def test_the_default_hybrid_fits_the_same_parameters_as_from_standards_alone(
    district: None,
) -> None:
    log, _ = fitting.response_log()
    standards_only = ResponseLog(
        student=log.student,
        skill=log.skill,
        correct=log.correct,
        student_ids=log.student_ids,
        skill_ids=log.skill_ids,
    )
    assert log.item is not None and log.timestamp is not None
    assert DEFAULT_MODEL == "hybrid"
    with_items = make_model("hybrid").fit(log).params()
    without = make_model("hybrid").fit(standards_only).params()
    assert with_items == without


def test_a_relational_fit_learns_each_item_difficulty(district: None) -> None:
    """Two items of one standard, one always answered right, one always wrong: the fitted
    relational model (the app's fit, the answer path's model) tells them apart."""
    standard_id, easy, hard = _two_items_of_one_standard()
    first_tries = Response.objects.filter(attempt__lte=1)
    first_tries.filter(item_id=easy).update(correct=True, score=1.0)
    first_tries.filter(item_id=hard).update(correct=False, score=0.0)
    assert main(["fit", "--model", "relational"]) == 0
    model = active_model()
    assert isinstance(model, RelationalKT)
    assert model.params()["relational"]["item_level"] is True
    state = model.initial_state(str(standard_id))
    when = datetime(2026, 12, 1, 12, tzinfo=UTC)
    p_easy = model.predict_answer(state, Observation(str(standard_id), True, when, str(easy)))
    p_hard = model.predict_answer(state, Observation(str(standard_id), True, when, str(hard)))
    # A 1,500-answer district gives extreme probabilities for a new student (the hybrid's
    # too), so compare on the logit scale: a standards-only fit gives the same for both.
    assert math.log(p_easy / (1 - p_easy)) - math.log(p_hard / (1 - p_hard)) > 2.0


def test_a_session_orders_items_by_their_fitted_difficulty(district: None) -> None:
    """Where the active model learned an item's own difficulty, the practice session's
    prediction for that item is the model's (authored difficulty no longer matters);
    items the fit never saw, and every item under a standards-only model, keep the
    standards' prediction shifted by the authored difficulty."""
    standard_id, easy, hard = _two_items_of_one_standard()
    first_tries = Response.objects.filter(attempt__lte=1)
    first_tries.filter(item_id=easy).update(correct=True, score=1.0)
    first_tries.filter(item_id=hard).update(correct=False, score=0.0)
    student = User.objects.get(pk=first_tries.values_list("student_id", flat=True).first())
    standards = (standard_id,)
    unseen = max(Item.objects.values_list("pk", flat=True)) + 1

    assert main(["fit"]) == 0  # the default hybrid: one prediction for both items
    hybrid = _Predictor(student.pk)
    assert hybrid.for_item(easy, standards, 3) == hybrid.for_item(hard, standards, 3)
    assert hybrid.for_item(easy, standards, 1) > hybrid.for_item(easy, standards, 5)

    assert main(["fit", "--model", "relational"]) == 0
    predictor = _Predictor(student.pk)
    model = predictor.model
    assert isinstance(model, RelationalKT)
    assert model.knows_item(str(easy)) and model.knows_item(str(hard))
    assert not model.knows_item(str(unseen))
    p_easy = predictor.for_item(easy, standards, 5)
    p_hard = predictor.for_item(hard, standards, 1)
    assert math.log(p_easy / (1 - p_easy)) - math.log(p_hard / (1 - p_hard)) > 2.0
    assert predictor.for_item(easy, standards, 1) == p_easy  # authored difficulty ignored
    assert predictor.for_item(unseen, standards, 1) > predictor.for_item(unseen, standards, 5)


def _two_items_of_one_standard() -> tuple[int, int, int]:
    """The standard with the most first-try answers on each of its two busiest items."""
    counts: Counter[tuple[int, int]] = Counter()
    for item_id, standard_ids in Response.objects.filter(attempt__lte=1).values_list(
        "item_id", "standard_ids"
    ):
        if len(standard_ids) == 1:
            counts[(standard_ids[0], item_id)] += 1
    by_standard: dict[int, list[tuple[int, int]]] = {}
    for (standard_id, item_id), n in counts.items():
        by_standard.setdefault(standard_id, []).append((n, item_id))
    busiest = [(s, sorted(p, reverse=True)[:2]) for s, p in by_standard.items() if len(p) > 1]
    standard_id, items = max(busiest, key=lambda pick: min(n for n, _ in pick[1]))
    assert min(n for n, _ in items) >= 10
    return standard_id, items[0][1], items[1][1]


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
