"""Charts as plain SVG drawn on the server: bars for distributions, lines over time.

No script and no style attribute, so they work under the strict Content-Security-Policy and print
as they are; each chart sits next to its table and carries a text alternative (``description``).
The templates ``monitoring/_bars.html`` and ``monitoring/_line.html`` draw what these functions
return; other apps (the survey pages) reuse both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

BAR_HEIGHT = 18
LABEL_WIDTH = 190
PLOT_WIDTH = 300


def bars(key: str, title: str, rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """A horizontal bar per row with a shown share (``value`` in percent); suppressed rows get no
    bar but keep their line, so the chart never shows what the table hides."""
    items = []
    parts = []
    for i, r in enumerate(rows):
        value = r.get("value")
        width = 0.0 if value is None else max(0.0, min(100.0, float(value))) * PLOT_WIDTH / 100
        y = i * (BAR_HEIGHT + 6)
        items.append(
            {
                "label": str(r["label"]),
                "y": y,
                "text_y": y + BAR_HEIGHT - 4,
                "width": round(width, 1),
                "value_x": LABEL_WIDTH + round(width, 1) + 4,
                "text": r.get("text", ""),
                "pct": "" if value is None else f"{value:.1f} %",
            }
        )
        parts.append(
            f"{r['label']}: {r.get('text', '')}" + ("" if value is None else f" ({value:.1f} %)")
        )
    height = max(1, len(rows)) * (BAR_HEIGHT + 6)
    return {
        "id": key,
        "title": title,
        "items": items,
        "height": height,
        "width": LABEL_WIDTH + PLOT_WIDTH + 80,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "description": _("Bar chart of the table: %(parts)s.") % {"parts": "; ".join(parts)}
        if parts
        else _("No figures to show."),
    }


def line(
    key: str, title: str, points: Sequence[tuple[int, float]], x_label: str, unit: str
) -> dict[str, Any]:
    """A line over ``points`` (x a month number, y a share in percent, 0-100)."""
    width, height, left, bottom = 420, 200, 40, 24
    max_x = max((x for x, _y in points), default=1) or 1
    coords = [
        (
            round(left + x * (width - left - 10) / max_x, 1),
            round(height - bottom - y * (height - bottom - 10) / 100, 1),
        )
        for x, y in points
    ]
    grid = [
        {"y": round(height - bottom - v * (height - bottom - 10) / 100, 1), "label": f"{v}"}
        for v in (0, 25, 50, 75, 100)
    ]
    ticks = [
        {"x": round(left + m * (width - left - 10) / max_x, 1), "label": str(m)}
        for m in range(0, max_x + 1, max(1, max_x // 6))
    ]
    text = "; ".join(f"{x_label} {x}: {y:.1f} {unit}" for x, y in points)
    return {
        "id": key,
        "title": title,
        "width": width,
        "height": height,
        "left": left,
        "axis_y": height - bottom,
        "polyline": " ".join(f"{x},{y}" for x, y in coords),
        "dots": [{"x": x, "y": y} for x, y in coords],
        "grid": grid,
        "ticks": ticks,
        "x_label": x_label,
        "description": _("Line chart: %(parts)s.") % {"parts": text}
        if points
        else _("No figures to show."),
    }
