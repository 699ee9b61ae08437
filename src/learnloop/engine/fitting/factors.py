"""Which items move together: a low-rank item-concept structure fitted from the log.

Each student's answers on an item, minus the item's success rate, leave a residual:
above zero where they did better than most, below where worse. Items whose residuals
rise and fall together across students test related things, whatever their tags say.
A truncated SVD of the sparse student x item matrix of mean residuals gives each item a
loading on a few latent concepts (`ItemFactors.loadings`); the first is mostly global
ability, the others contrast groups of items. The relational model keeps, per student,
a running sum of residuals projected on these loadings, so one answer updates a few
numbers (O(concepts)) and moves the prediction on every related item.

The unit is the item where the log has item ids, else the skill.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from learnloop.engine.fitting.log import IntArray, ResponseLog

FloatArray = NDArray[np.float64]

RATE_SMOOTHING = 10.0


@dataclass(frozen=True, eq=False)
class ItemFactors:
    """Per unit (item or skill) id: smoothed success rate and loadings on K concepts."""

    unit_ids: tuple[str, ...]
    rates: FloatArray  # (units,)
    loadings: FloatArray  # (units, K)
    overall_rate: float

    @property
    def n_factors(self) -> int:
        return int(self.loadings.shape[1])

    def index(self) -> dict[str, int]:
        return {unit: i for i, unit in enumerate(self.unit_ids)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "overall_rate": self.overall_rate,
            "units": {
                unit: [float(self.rates[i]), *map(float, self.loadings[i])]
                for i, unit in enumerate(self.unit_ids)
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], n_factors: int) -> ItemFactors:
        table = np.array(list(data["units"].values()), dtype=np.float64)
        table = table.reshape(len(data["units"]), 1 + n_factors)
        return cls(
            unit_ids=tuple(data["units"]),
            rates=table[:, 0].copy(),
            loadings=table[:, 1:].copy(),
            overall_rate=float(data["overall_rate"]),
        )


def units_of(log: ResponseLog) -> tuple[IntArray, tuple[str, ...]]:
    """Each response's unit code and the unit vocabulary: items if the log has them."""
    if log.item is not None and log.item_ids is not None:
        return log.item, log.item_ids
    return log.skill, log.skill_ids


def smoothed_rates(
    unit: IntArray, correct: FloatArray, n_units: int, overall: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Each unit's success rate shrunk toward `overall`, with its wins and counts."""
    counts = np.bincount(unit, minlength=n_units).astype(np.float64)
    wins = np.bincount(unit, weights=correct, minlength=n_units).astype(np.float64)
    rates = (wins + RATE_SMOOTHING * overall) / (counts + RATE_SMOOTHING)
    return rates, wins, counts


def fit_item_factors(log: ResponseLog, n_factors: int) -> ItemFactors:
    """Rates and the top `n_factors` right singular vectors of the residual matrix.

    Deterministic (ARPACK started from a fixed vector). Fewer factors come back when
    the log has too few units or students to support them.
    """
    from scipy import sparse  # type: ignore[import-untyped]
    from scipy.sparse.linalg import svds  # type: ignore[import-untyped]

    unit, unit_ids = units_of(log)
    n_units = len(unit_ids)
    correct = log.correct.astype(np.float64)
    overall = float(correct.mean()) if len(log) else 0.5
    rates, _, _ = smoothed_rates(unit, correct, n_units, overall)
    k = min(n_factors, n_units - 1, log.n_students - 1)
    if k < 1:
        return ItemFactors(unit_ids, rates, np.zeros((n_units, 0)), overall)
    shape = (log.n_students, n_units)
    keys, cell = np.unique(log.student * n_units + unit, return_inverse=True)
    sums = np.bincount(cell, weights=correct - rates[unit], minlength=keys.shape[0])
    means = sums / np.bincount(cell, minlength=keys.shape[0])
    residual = sparse.csr_matrix((means, (keys // n_units, keys % n_units)), shape=shape)
    start = np.ones(min(shape)) / np.sqrt(min(shape))
    _, singular, vt = svds(residual, k=k, v0=start)
    order = np.argsort(-singular)
    loadings = vt[order].T * np.sqrt(n_units)
    return ItemFactors(unit_ids, rates, np.ascontiguousarray(loadings), overall)
