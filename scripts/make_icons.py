"""Draw the app icons the web app manifest names (web/static/web/icons/*.png).

The brand mark of base.html (a ring with a dot on it), white on the header's dark blue,
at the sizes phones ask for; the maskable one keeps the mark inside the safe circle.
Run: python scripts/make_icons.py (needs Pillow; the PNGs are committed).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "src/learnloop/web/static/web/icons"
BACKGROUND = (30, 58, 138, 255)  # --brand-dark
MARK = (255, 255, 255, 255)


def draw(size: int, *, maskable: bool) -> Image.Image:
    scale = 4  # draw large, shrink: smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), BACKGROUND if maskable else (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if not maskable:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=BACKGROUND)
    unit = big / 32 * (0.6 if maskable else 0.8)  # the mark is drawn on a 32-unit grid
    centre = big / 2
    ring, width, dot = 12 * unit, 4 * unit, 4 * unit
    cy = centre + 2 * unit
    pen.ellipse(
        (centre - ring, cy - ring, centre + ring, cy + ring), outline=MARK, width=round(width)
    )
    top = cy - 12 * unit
    pen.ellipse((centre - dot, top - dot, centre + dot, top + dot), fill=MARK)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        draw(size, maskable=False).save(OUT / f"icon-{size}.png", optimize=True)
    draw(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)


if __name__ == "__main__":
    main()
