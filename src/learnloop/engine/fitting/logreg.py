"""L2-regularised logistic regression on a dense-plus-lookup design, fitted by L-BFGS.

Small and dependency-free beyond scipy: the logistic learner models need nothing more,
and scikit-learn would be a heavy runtime dependency for one solver.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from learnloop.engine.fitting.log import IntArray

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


CHUNK_ROWS = 8_192


@dataclass(frozen=True, eq=False)
class Design:
    """The logistic models' design matrix, kept as its parts instead of a sparse matrix.

    Columns, in weight order: the intercept; the dense features (`dense`, one row per
    response); one intercept and one weight per slope for each skill (rows with skill
    -1, unknown, have none); two weights per (previous skill, skill) pair. Products with
    a weight vector are the same sums a sparse matrix would do (`matvec`, `rmatvec`),
    but the design costs 8 bytes per dense value and a few per row, against some 24
    bytes per non-zero to build a sparse one: the fit's memory is mostly this.
    """

    dense: FloatArray  # (n, n_dense), best column-major (order="F"): products read columns
    slopes: FloatArray  # (n, per-skill slopes)
    skill: NDArray[np.int32]  # (n,): skill code, or n_skills for an unknown skill
    n_skills: int
    transition: NDArray[np.int32]  # (n,): pair code, or n_transitions for none
    last_correct: NDArray[np.int8]  # (n,): +1 / -1 / 0, the pair's second weight's value
    n_transitions: int
    has_transitions: bool

    @property
    def n_rows(self) -> int:
        return int(self.dense.shape[0])

    @property
    def n_columns(self) -> int:
        per_skill = self.n_skills * (1 + self.slopes.shape[1])
        return 1 + self.dense.shape[1] + per_skill + 2 * self.n_transitions * self.has_transitions

    def _blocks(self, w: FloatArray) -> tuple[list[FloatArray], list[FloatArray]]:
        """Per-skill and transition weight blocks, each padded with a 0 for the
        "unknown" code so that a lookup needs no mask."""
        base = 1 + self.dense.shape[1]
        skill_blocks = [
            np.append(w[base + b * self.n_skills : base + (b + 1) * self.n_skills], 0.0)
            for b in range(1 + self.slopes.shape[1])
        ]
        pair_blocks: list[FloatArray] = []
        if self.has_transitions:
            base += self.n_skills * len(skill_blocks)
            k = self.n_transitions
            pair_blocks = [np.append(w[base + b * k : base + (b + 1) * k], 0.0) for b in (0, 1)]
        return skill_blocks, pair_blocks

    def _chunks(self) -> Iterator[slice]:
        n = self.n_rows
        return (slice(start, min(start + CHUNK_ROWS, n)) for start in range(0, n, CHUNK_ROWS))

    def matvec(self, w: FloatArray) -> FloatArray:
        """design @ w, one value per response.

        Each row's terms are added in column order, as a sparse row's are: the fit takes
        the same steps, to the last bit, as it did on the sparse design.
        """
        skill_blocks, pair_blocks = self._blocks(w)
        n_dense = self.dense.shape[1]
        z = np.empty(self.n_rows)
        for rows in self._chunks():
            # Terms by rows of a (1 + dense columns, chunk) block, summed down each column.
            terms = np.empty((1 + n_dense, rows.stop - rows.start))
            terms[0] = w[0]
            np.multiply(self.dense[rows].T, w[1 : 1 + n_dense, None], out=terms[1:])
            z[rows] = _sum_rows_in_order(terms)
        z += skill_blocks[0][self.skill]
        for j in range(self.slopes.shape[1]):
            z += self.slopes[:, j] * skill_blocks[j + 1][self.skill]
        if pair_blocks:
            z += pair_blocks[0][self.transition]
            z += self.last_correct * pair_blocks[1][self.transition]
        return z

    def rmatvec(self, r: FloatArray) -> FloatArray:
        """design.T @ r, one value per weight; each column's terms added in row order."""
        n_skills, n_pairs = self.n_skills + 1, self.n_transitions + 1
        n_dense = self.dense.shape[1]
        total = np.zeros(1 + n_dense)
        for rows in self._chunks():
            block = np.empty((1 + rows.stop - rows.start, 1 + n_dense))
            block[0] = total
            block[1:, 0] = r[rows]
            np.multiply(self.dense[rows], r[rows, None], out=block[1:, 1:])
            total = _sum_rows_in_order(block)
        parts = [total, np.bincount(self.skill, weights=r, minlength=n_skills)[:-1]]
        for j in range(self.slopes.shape[1]):
            weighted = self.slopes[:, j] * r
            parts.append(np.bincount(self.skill, weights=weighted, minlength=n_skills)[:-1])
        if self.has_transitions:
            parts.append(np.bincount(self.transition, weights=r, minlength=n_pairs)[:-1])
            signed = self.last_correct * r
            parts.append(np.bincount(self.transition, weights=signed, minlength=n_pairs)[:-1])
        return np.concatenate(parts)

    def dense_moments(self) -> tuple[FloatArray, FloatArray]:
        """Mean and standard deviation of each dense column, summed row after row in
        chunks (as NumPy sums a column of a whole matrix, without copying the matrix)."""
        n, n_dense = self.dense.shape
        if n == 0 or n_dense == 0:
            return np.zeros(n_dense), np.ones(n_dense)
        total = np.zeros(n_dense)
        for rows in self._chunks():
            block = np.empty((1 + rows.stop - rows.start, n_dense))  # C-ordered
            block[0], block[1:] = total, self.dense[rows]
            total = _sum_rows_in_order(block)
        mean = total / n
        squares = np.zeros(n_dense)
        for rows in self._chunks():
            block = np.empty((1 + rows.stop - rows.start, n_dense))
            block[0] = squares
            np.subtract(self.dense[rows], mean, out=block[1:])
            np.multiply(block[1:], block[1:], out=block[1:])
            squares = _sum_rows_in_order(block)
        return mean, np.maximum(np.sqrt(squares / n), 1e-6)


def _sum_rows_in_order(block: FloatArray) -> FloatArray:
    """Column sums of a C-ordered block, each adding its rows one after another (NumPy
    reduces a C-ordered matrix over rows that way, but a column-major one or a single
    column pairwise: a single column is summed with a cumulative sum)."""
    if block.shape[1] == 1:
        return np.cumsum(block[:, 0])[-1:]
    return np.asarray(np.add.reduce(block, axis=0), dtype=np.float64)


def build_design(
    spec: DesignSpec,
    dense: FloatArray,
    slopes: FloatArray,
    skill: IntArray,
    n_skills: int,
    transitions: TransitionColumns | None = None,
) -> Design:
    """The design; responses with skill -1 (unknown) get no per-skill columns.

    `dense` and `slopes` are kept, not copied: build them once, in float64.
    """
    n = dense.shape[0]
    skill_code = np.where(skill >= 0, skill, n_skills).astype(np.int32)
    n_transitions = 0
    pair = np.zeros(n, dtype=np.int32)
    last = np.zeros(n, dtype=np.int8)
    has = bool(spec.transitions and transitions is not None)
    if spec.transitions and transitions is not None:
        n_transitions = transitions.n_transitions
        index = transitions.index
        pair = np.where(index >= 0, index, n_transitions).astype(np.int32)
        last = transitions.last_correct.astype(np.int8)
    return Design(
        dense=np.asarray(dense, dtype=np.float64),
        slopes=np.asarray(slopes, dtype=np.float64).reshape(n, len(spec.per_skill)),
        skill=skill_code,
        n_skills=n_skills,
        transition=pair,
        last_correct=last,
        n_transitions=n_transitions,
        has_transitions=has,
    )


def fit_logistic(
    design: Design,
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

    n = max(design.n_rows, 1)
    dense = slice(1, 1 + n_dense)
    mean, scale = design.dense_moments()
    penalty = np.full(design.n_columns, l2)
    penalty[0] = 0.0

    def raw(v: FloatArray) -> FloatArray:
        w = v.copy()
        w[dense] = v[dense] / scale
        w[0] = v[0] - float(mean @ w[dense])
        return w

    def objective(v: FloatArray) -> tuple[float, FloatArray]:
        z = design.matvec(raw(v))
        loss = float(np.sum(np.logaddexp(0.0, z) - y * z)) / n
        grad = design.rmatvec(expit(z) - y) / n
        grad[dense] = (grad[dense] - grad[0] * mean) / scale
        return loss + 0.5 * float(penalty @ (v * v)), grad + penalty * v

    start = np.zeros(design.n_columns)
    rate = float(np.clip(y.mean(), 1e-3, 1 - 1e-3)) if y.size else 0.5
    start[0] = np.log(rate / (1.0 - rate))
    result = minimize(
        objective, start, jac=True, method="L-BFGS-B", options={"maxiter": max_iter, "ftol": tol}
    )
    return raw(np.asarray(result.x, dtype=np.float64))
