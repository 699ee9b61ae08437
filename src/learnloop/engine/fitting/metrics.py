"""Accuracy metrics for predicted probabilities of correct answers."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.stats import rankdata  # type: ignore[import-untyped]

FloatArray = NDArray[np.float64]
CLIP = 1e-12


def auc(correct: NDArray[np.integer], predicted: FloatArray) -> float:
    """Area under the ROC curve (Mann-Whitney, ties counted half); nan if one class."""
    y = np.asarray(correct) > 0
    positives, negatives = int(y.sum()), int((~y).sum())
    if positives == 0 or negatives == 0:
        return float("nan")
    ranks = rankdata(predicted)
    return float((ranks[y].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def rmse(correct: NDArray[np.integer], predicted: FloatArray) -> float:
    return float(np.sqrt(np.mean((np.asarray(correct, dtype=np.float64) - predicted) ** 2)))


def accuracy(correct: NDArray[np.integer], predicted: FloatArray) -> float:
    return float(np.mean((predicted >= 0.5) == (np.asarray(correct) > 0)))


def log_loss(correct: NDArray[np.integer], predicted: FloatArray) -> float:
    p = np.clip(predicted, CLIP, 1.0 - CLIP)
    y = np.asarray(correct, dtype=np.float64)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))


def reliability(
    correct: NDArray[np.integer], predicted: FloatArray, bins: int = 10
) -> list[tuple[float, float, int]]:
    """(mean predicted, observed rate, count) per equal-width bin of predictions."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(predicted, edges[1:-1]), 0, bins - 1)
    y = np.asarray(correct, dtype=np.float64)
    rows = []
    for b in range(bins):
        mask = which == b
        if mask.any():
            rows.append((float(predicted[mask].mean()), float(y[mask].mean()), int(mask.sum())))
    return rows
