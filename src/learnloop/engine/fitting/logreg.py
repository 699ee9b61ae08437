"""L2-regularised logistic regression on a sparse design, fitted by L-BFGS.

Small and dependency-free beyond scipy: the logistic learner models need nothing more,
and scikit-learn would be a heavy runtime dependency for one solver.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from learnloop.engine.fitting.log import IntArray

if TYPE_CHECKING:  # scipy is imported where a fit needs it: a web worker never fits
    from scipy import sparse  # type: ignore[import-untyped]

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class DesignSpec:
    """Columns: intercept, dense features, one intercept per skill, per-skill slopes."""

    dense: tuple[str, ...]
    per_skill: tuple[str, ...] = ()
    n_extra: int = 0  # model-specific dense columns appended after `dense`
    transitions: bool = False  # weights per (previous skill, skill) on [1, last_correct]

    @property
    def n_dense(self) -> int:
        return len(self.dense) + self.n_extra

    def n_columns(self, n_skills: int, n_transitions: int = 0) -> int:
        skill_columns = n_skills * (1 + len(self.per_skill))
        return 1 + self.n_dense + skill_columns + 2 * n_transitions * self.transitions


@dataclass(frozen=True, eq=False)
class TransitionColumns:
    """Per response: index of its (previous skill, skill) pair (-1: none or unknown),
    and the previous answer (+1 / -1) that the pair's second weight multiplies."""

    index: IntArray
    last_correct: FloatArray
    n_transitions: int


def build_design(
    spec: DesignSpec,
    dense: FloatArray,
    slopes: FloatArray,
    skill: IntArray,
    n_skills: int,
    transitions: TransitionColumns | None = None,
) -> sparse.csr_matrix:
    """The sparse design; responses with skill -1 (unknown) get no per-skill columns."""
    from scipy import sparse

    n = dense.shape[0]
    rows = [np.arange(n)] * (1 + spec.n_dense)
    cols = [np.zeros(n, dtype=np.int64)] + [np.full(n, 1 + j) for j in range(spec.n_dense)]
    vals = [np.ones(n)] + [dense[:, j] for j in range(spec.n_dense)]
    known = skill >= 0
    base = 1 + spec.n_dense
    known_rows = np.flatnonzero(known)
    for block in range(1 + len(spec.per_skill)):
        rows.append(known_rows)
        cols.append(base + block * n_skills + skill[known])
        vals.append(np.ones(known_rows.shape[0]) if block == 0 else slopes[known, block - 1])
    n_transitions = 0
    if spec.transitions and transitions is not None:
        n_transitions = transitions.n_transitions
        base += n_skills * (1 + len(spec.per_skill))
        has = np.flatnonzero(transitions.index >= 0)
        for block, values in enumerate((np.ones(n), transitions.last_correct)):
            rows.append(has)
            cols.append(base + block * n_transitions + transitions.index[has])
            vals.append(values[has])
    return sparse.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=(n, spec.n_columns(n_skills, n_transitions)),
    )


def _column_moments(design: sparse.csr_matrix, n_dense: int) -> tuple[FloatArray, FloatArray]:
    """Mean and standard deviation of the dense columns 1..n_dense."""
    if design.shape[0] == 0 or n_dense == 0:
        return np.zeros(n_dense), np.ones(n_dense)
    column = design[:, 1 : 1 + n_dense].toarray()
    return column.mean(axis=0), np.maximum(column.std(axis=0), 1e-6)


def fit_logistic(
    design: sparse.csr_matrix,
    y: FloatArray,
    l2: float,
    n_dense: int = 0,
    tol: float = 1e-7,
    max_iter: int = 500,
) -> FloatArray:
    """Weights minimising mean log loss + l2/2 * |v|^2, the intercept not penalised.

    Columns 1..n_dense are dense features; the solver works on them standardised (v are
    the weights in standardised units), which makes L-BFGS converge several times
    faster. The returned weights apply to the raw design.
    """
    from scipy.optimize import minimize  # type: ignore[import-untyped]
    from scipy.special import expit  # type: ignore[import-untyped]

    n = max(design.shape[0], 1)
    dense = slice(1, 1 + n_dense)
    mean, scale = _column_moments(design, n_dense)
    penalty = np.full(design.shape[1], l2)
    penalty[0] = 0.0
    design_t = design.T.tocsr()

    def raw(v: FloatArray) -> FloatArray:
        w = v.copy()
        w[dense] = v[dense] / scale
        w[0] = v[0] - float(mean @ w[dense])
        return w

    def objective(v: FloatArray) -> tuple[float, FloatArray]:
        z = design @ raw(v)
        loss = float(np.sum(np.logaddexp(0.0, z) - y * z)) / n
        grad = design_t @ (expit(z) - y) / n
        grad[dense] = (grad[dense] - grad[0] * mean) / scale
        return loss + 0.5 * float(penalty @ (v * v)), grad + penalty * v

    start = np.zeros(design.shape[1])
    rate = float(np.clip(y.mean(), 1e-3, 1 - 1e-3)) if y.size else 0.5
    start[0] = np.log(rate / (1.0 - rate))
    result = minimize(
        objective, start, jac=True, method="L-BFGS-B", options={"maxiter": max_iter, "ftol": tol}
    )
    return raw(np.asarray(result.x, dtype=np.float64))
