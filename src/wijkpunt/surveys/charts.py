"""Bar charts as inline SVG, drawn on the server.

A chart is an ``<svg role="img">`` named by its own ``<title>`` (the question) and ``<desc>``
(how many answered), and always comes with a real ``<table>`` of the same figures that screen
readers read (the template puts it right after the chart). Colours come from the theme's CSS
(``.sv-chart__bar``), so they follow a housing company's tokens; the bars also carry their
figure as text, so the chart does not rely on colour."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 150
BAR_WIDTH = 220
FIGURE_WIDTH = 70
WIDTH = LABEL_WIDTH + BAR_WIDTH + FIGURE_WIDTH


@dataclass
class Bar:
    label: str
    percent: float | None  # None: no bar (masked figure)
    text: str  # what is written next to the bar, e.g. "42 % (21)" or "< 5"


def _short(label: str, limit: int = 24) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(
    bars: list[Bar], *, title: str, description: str = "", css_class: str = ""
) -> SafeString:
    """Horizontal bars, one per row, scaled to 100 %. The chart carries its own name
    (``<title>``, ``<desc>``), so it stays named on whatever page it is shown."""
    height = max(1, len(bars)) * (BAR_HEIGHT + GAP)
    parts = [
        f'<svg class="sv-chart {escape(css_class)}" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'focusable="false" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    if description:
        parts.append(f"<desc>{escape(description)}</desc>")
    for i, bar in enumerate(bars):
        y = i * (BAR_HEIGHT + GAP)
        middle = y + BAR_HEIGHT / 2 + 5
        parts.append(
            f'<text class="sv-chart__label" x="{LABEL_WIDTH - 6}" y="{middle:.0f}" '
            f'text-anchor="end">{escape(_short(bar.label))}</text>'
        )
        parts.append(
            f'<rect class="sv-chart__track" x="{LABEL_WIDTH}" y="{y}" width="{BAR_WIDTH}" '
            f'height="{BAR_HEIGHT}"/>'
        )
        if bar.percent is not None and bar.percent > 0:
            width = max(1.0, BAR_WIDTH * min(bar.percent, 100.0) / 100)
            parts.append(
                f'<rect class="sv-chart__bar" x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" '
                f'height="{BAR_HEIGHT}"/>'
            )
        parts.append(
            f'<text class="sv-chart__figure" x="{LABEL_WIDTH + BAR_WIDTH + 6}" y="{middle:.0f}">'
            f"{escape(bar.text)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above
