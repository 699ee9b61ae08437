"""The logistic design without a sparse matrix: the same products and the same fit.

The reference below is the sparse design the models were fitted on before (one
non-zero per dense value, per-skill value and transition value): `Design` must give
the same products with any weights, and a model fitted through it the same predictions
as one fitted by the same solver on the sparse matrix, within float noise.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse  # type: ignore[import-untyped]
from scipy.optimize import minimize  # type: ignore[import-untyped]
from scipy.special import expit  # type: ignore[import-untyped]

from learnloop.engine.fitting.log import ResponseLog
from learnloop.engine.fitting.logreg import Design, fit_logistic
from learnloop.engine.simulate_concepts import simulate_hidden_concepts
from learnloop.engine.tracing import HybridKT, RelationalKT, logistic
from learnloop.engine.tracing.logistic import LogisticTracer


def _sparse(design: Design) -> sparse.csr_matrix:
    """The same design as a sparse matrix, built the way the fit used to build it."""
    n, n_dense = design.dense.shape
    rows = [np.arange(n)] * (1 + n_dense)
    cols = [np.zeros(n, dtype=np.int64)] + [np.full(n, 1 + j) for j in range(n_dense)]
    vals = [np.ones(n)] + [design.dense[:, j] for j in range(n_dense)]
    known = np.flatnonzero(design.skill < design.n_skills)
    base = 1 + n_dense
    for block in range(1 + design.slopes.shape[1]):
        rows.append(known)
        cols.append(base + block * design.n_skills + design.skill[known])
        vals.append(np.ones(known.shape[0]) if block == 0 else design.slopes[known, block - 1])
    if design.has_transitions:
        base += design.n_skills * (1 + design.slopes.shape[1])
        has = np.flatnonzero(design.transition < design.n_transitions)
        last = design.last_correct.astype(np.float64)
        for block, values in enumerate((np.ones(n), last)):
            rows.append(has)
            cols.append(base + block * design.n_transitions + design.transition[has])
            vals.append(values[has])
    return sparse.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=(n, design.n_columns),
    )


def _sparse_fit(matrix: sparse.csr_matrix, y: np.ndarray, l2: float, n_dense: int, tol: float):  # type: ignore[no-untyped-def]
    """The solver as it ran on the sparse design (standardised dense columns)."""
    n = matrix.shape[0]
    dense = slice(1, 1 + n_dense)
    column = matrix[:, dense].toarray()
    mean, scale = column.mean(axis=0), np.maximum(column.std(axis=0), 1e-6)
    penalty = np.full(matrix.shape[1], l2)
    penalty[0] = 0.0
    matrix_t = matrix.T.tocsr()

    def raw(v: np.ndarray) -> np.ndarray:
        w = v.copy()
        w[dense] = v[dense] / scale
        w[0] = v[0] - float(mean @ w[dense])
        return w

    def objective(v: np.ndarray) -> tuple[float, np.ndarray]:
        z = matrix @ raw(v)
        loss = float(np.sum(np.logaddexp(0.0, z) - y * z)) / n
        grad = matrix_t @ (expit(z) - y) / n
        grad[dense] = (grad[dense] - grad[0] * mean) / scale
        return loss + 0.5 * float(penalty @ (v * v)), grad + penalty * v

    start = np.zeros(matrix.shape[1])
    start[0] = np.log(y.mean() / (1.0 - y.mean()))
    result = minimize(objective, start, jac=True, method="L-BFGS-B", options={"ftol": tol})
    return raw(result.x)


@pytest.fixture(scope="module")
def logs() -> tuple[ResponseLog, ResponseLog]:
    """Training and held-out students of a log with items and times."""
    log = simulate_hidden_concepts(160, 40, np.random.default_rng(5)).shuffled
    keep = np.arange(log.n_students) < 120
    return log.select_students(keep), log.select_students(~keep)


@pytest.mark.parametrize("model", [HybridKT(), RelationalKT()], ids=["hybrid", "relational"])
def test_products_equal_the_sparse_design(
    model: LogisticTracer, logs: tuple[ResponseLog, ResponseLog]
) -> None:
    train, held_out = logs
    model.fit(train)
    # The held-out log has skills and transitions the model has not seen (codes -1).
    for log in (train, held_out):
        design = model._design(log)
        matrix = _sparse(design)
        assert matrix.shape == (len(log), model.coef_.shape[0])
        weights = np.random.default_rng(3).normal(size=design.n_columns)
        # Not close: equal, bit for bit (the same sums in the same order).
        assert np.array_equal(design.matvec(weights), matrix @ weights)
        residual = np.random.default_rng(4).normal(size=len(log))
        assert np.array_equal(design.rmatvec(residual), matrix.T.tocsr() @ residual)
    unknown = model._design(held_out)
    assert (unknown.skill == unknown.n_skills).any() or (
        unknown.transition == unknown.n_transitions
    ).any()


@pytest.mark.parametrize("make", [HybridKT, RelationalKT], ids=["hybrid", "relational"])
def test_fit_predicts_as_the_sparse_fit_did(
    make: type[LogisticTracer], monkeypatch: pytest.MonkeyPatch
) -> None:
    log = simulate_hidden_concepts(400, 60, np.random.default_rng(5)).shuffled
    seen: list[tuple[Design, np.ndarray]] = []

    def recording(design: Design, y: np.ndarray, l2: float, n_dense: int, tol: float) -> np.ndarray:
        seen.append((design, y))
        return fit_logistic(design, y, l2, n_dense, tol)

    monkeypatch.setattr(logistic, "fit_logistic", recording)
    model = make().fit(log)
    (design, y), n_dense = seen[0], model.spec.n_dense
    mean, scale = design.dense_moments()
    columns = _sparse(design)[:, 1 : 1 + n_dense].toarray()  # as the sparse fit took them
    assert np.array_equal(mean, columns.mean(axis=0))
    assert np.array_equal(scale, np.maximum(columns.std(axis=0), 1e-6))
    reference = _sparse_fit(_sparse(design), y, model.l2, n_dense, model.tol)
    # The same steps to the last bit: the same weights, hence the same predictions.
    assert np.array_equal(model.coef_, reference)
    assert np.array_equal(expit(design.matvec(model.coef_)), expit(_sparse(design) @ reference))
