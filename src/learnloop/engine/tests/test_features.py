"""Vectorized history features agree with a plain loop over answers."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from learnloop.engine.tracing.features import exclusive_sums


def loop_sums(values: list[float], groups: list[int], decay: float) -> list[float]:
    running: dict[int, float] = {}
    out = []
    for value, group in zip(values, groups, strict=True):
        before = running.get(group, 0.0)
        out.append(before)
        running[group] = before * decay + value
    return out


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 1)), min_size=1, max_size=60),
    st.sampled_from([1.0, 0.9, 0.5]),
)
def test_exclusive_sums_match_loop(rows: list[tuple[int, int]], decay: float) -> None:
    groups = [g for g, _ in rows]
    values = [float(v) for _, v in rows]
    vectorized = exclusive_sums(np.array(values), np.array(groups, dtype=np.int64), decay)
    np.testing.assert_allclose(vectorized, loop_sums(values, groups, decay), atol=1e-9)


def test_exclusive_sums_long_sequence_is_stable() -> None:
    values = np.ones(5000)
    groups = np.repeat(np.arange(2), 2500).astype(np.int64)
    sums = exclusive_sums(values, groups, 0.7)
    assert sums[2500] == 0.0
    assert abs(sums[-1] - 1 / 0.3) < 1e-9
