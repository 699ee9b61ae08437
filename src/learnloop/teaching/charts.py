"""Inline SVG charts drawn on the server: coordinates here, markup in the template."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from learnloop.teaching.profile import WeekPoint

WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 32, 16, 36


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str  # the week, e.g. "23 Nov"
    value: int


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    points: list[ChartPoint]
    polyline: str
    y_ticks: list[tuple[float, int]]  # (y, value)
    baseline: float
    left: int
    right: float


def line_chart(weeks: Sequence[WeekPoint], y_max: int) -> LineChart:
    """Weeks along x, a count along y from 0 to `y_max` (the number of standards)."""
    top = max(1, y_max)
    span_x = WIDTH - LEFT - RIGHT
    span_y = HEIGHT - TOP - BOTTOM
    step = span_x / max(1, len(weeks) - 1)
    points = [
        ChartPoint(
            x=round(LEFT + i * step, 1),
            y=round(TOP + span_y * (1 - w.proficient / top), 1),
            label=f"{w.week_end.day} {w.week_end:%b}",
            value=w.proficient,
        )
        for i, w in enumerate(weeks)
    ]
    tick_values = sorted({0, top // 2, top})
    ticks = [(round(TOP + span_y * (1 - v / top), 1), v) for v in tick_values]
    return LineChart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        y_ticks=ticks,
        baseline=TOP + span_y,
        left=LEFT,
        right=WIDTH - RIGHT,
    )
