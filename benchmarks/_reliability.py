"""A reliability (calibration) plot as a hand-written SVG: no plotting dependency."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

SIZE, MARGIN = 360, 50
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd")


def _xy(p: float, q: float) -> tuple[float, float]:
    return MARGIN + p * SIZE, MARGIN + (1.0 - q) * SIZE


def reliability_svg(series: Mapping[str, Sequence[tuple[float, float, int]]], title: str) -> str:
    """Mean predicted (x) vs observed rate (y) per bin, one line per series."""
    width = height = SIZE + 2 * MARGIN
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 20}" '
        f'font-family="sans-serif" font-size="12">',
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="{width / 2}" y="20" text-anchor="middle">{title}</text>',
        f'<rect x="{MARGIN}" y="{MARGIN}" width="{SIZE}" height="{SIZE}" fill="none" '
        f'stroke="#888"/>',
        f'<line x1="{MARGIN}" y1="{MARGIN + SIZE}" x2="{MARGIN + SIZE}" y2="{MARGIN}" '
        f'stroke="#bbb" stroke-dasharray="4 4"/>',
    ]
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x, y = _xy(tick, tick)
        parts.append(f'<text x="{x}" y="{MARGIN + SIZE + 15}" text-anchor="middle">{tick}</text>')
        parts.append(f'<text x="{MARGIN - 6}" y="{y + 4}" text-anchor="end">{tick}</text>')
    parts.append(
        f'<text x="{width / 2}" y="{MARGIN + SIZE + 35}" text-anchor="middle">'
        "mean predicted P(correct)</text>"
    )
    parts.append(
        f'<text x="14" y="{MARGIN + SIZE / 2}" text-anchor="middle" '
        f'transform="rotate(-90 14 {MARGIN + SIZE / 2})">observed share correct</text>'
    )
    for i, (name, points) in enumerate(series.items()):
        colour = COLOURS[i % len(COLOURS)]
        coords = " ".join("{:.1f},{:.1f}".format(*_xy(p, q)) for p, q, _ in points)
        parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}"/>')
        parts += [
            '<circle cx="{:.1f}" cy="{:.1f}" r="3" fill="{}"/>'.format(*_xy(p, q), colour)
            for p, q, _ in points
        ]
        parts.append(
            f'<text x="{MARGIN + 10}" y="{MARGIN + 18 + 16 * i}" fill="{colour}">{name}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
