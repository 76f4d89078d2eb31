"""Charts as inline SVG, drawn here (no chart library): bars (per lesson, per question) and columns
(answers per day).

Each chart is an image with a title and a description (``role="img"``), writes every number as
text next to its bar, so colour is never the only cue, and sits next to a table of the same
numbers. ``static/progress.js`` draws the same charts in the browser, with the same sizes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..html import esc

WIDTH = 640
INK, BAR, EDGE, PAPER = "#1a1a1a", "#005a8c", "#5c5c5c", "#ffffff"
FONT = "Noto Sans, Segoe UI, Arial, Noto Sans CJK SC, Microsoft YaHei, sans-serif"
ROW, BAR_Y, BAR_H, BAR_W = 46, 22, 16, 440      # bar chart: one row per bar, label above its bar
PLOT_H, COLUMN_W = 140, 36                      # column chart
LABEL_CHARS = 80
GEOMETRY = {"width": WIDTH, "row": ROW, "barY": BAR_Y, "barH": BAR_H, "barW": BAR_W, "plotH": PLOT_H,  # for progress.js
            "columnW": COLUMN_W, "labelChars": LABEL_CHARS, "ink": INK, "bar": BAR, "edge": EDGE, "paper": PAPER,
            "font": FONT}


@dataclass(frozen=True)
class Bar:
    label: str
    share: float | None  # 0 to 1; None when there is nothing to show yet
    text: str            # the number, written out


def _svg(chart_id: str, title: str, desc: str, height: int, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="miss-chart" id="{esc(chart_id)}" role="img" '
        f'aria-labelledby="{esc(chart_id)}-title {esc(chart_id)}-desc" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" font-family="{FONT}" font-size="14" fill="{INK}">'
        f'<title id="{esc(chart_id)}-title">{esc(title)}</title><desc id="{esc(chart_id)}-desc">{esc(desc)}</desc>'
        f'<rect width="{WIDTH}" height="{height}" fill="{PAPER}"/>{body}</svg>'
    )


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rstrip() + "\u2026"


def bar_chart(chart_id: str, title: str, desc: str, bars: list[Bar]) -> str:
    """Horizontal bars, one row each: the label, then the bar in its frame, then the number."""
    parts = []
    for i, bar in enumerate(bars):
        y = 8 + i * ROW
        parts.append(f'<text x="4" y="{y + 16}">{esc(_short(bar.label))}</text>'
                     f'<rect x="4" y="{y + BAR_Y}" width="{BAR_W}" height="{BAR_H}" fill="{PAPER}" stroke="{EDGE}"/>')
        if bar.share:
            parts.append(f'<rect x="4" y="{y + BAR_Y}" width="{round(BAR_W * min(bar.share, 1.0), 1)}" '
                         f'height="{BAR_H}" fill="{BAR}"/>')
        parts.append(f'<text x="{BAR_W + 12}" y="{y + BAR_Y + 13}" font-weight="700">{esc(bar.text)}</text>')
    return _svg(chart_id, title, desc, 12 + len(bars) * ROW, "".join(parts))


def column_chart(chart_id: str, title: str, desc: str, columns: list[tuple[str, int]]) -> str:
    """Vertical columns on a base line, the number above each and its label below."""
    base = 24 + PLOT_H  # room above the tallest column for its number
    slot = min(80.0, (WIDTH - 8) / max(len(columns), 1))
    highest = max((n for _, n in columns), default=0) or 1
    parts = [f'<line x1="4" y1="{base}" x2="{WIDTH - 4}" y2="{base}" stroke="{EDGE}" stroke-width="2"/>']
    for i, (label, n) in enumerate(columns):
        middle, height = round(4 + slot * (i + 0.5), 1), round(PLOT_H * n / highest, 1)
        width = min(COLUMN_W, slot * 0.7)
        parts.append(f'<rect x="{round(middle - width / 2, 1)}" y="{round(base - height, 1)}" width="{round(width, 1)}" '
                     f'height="{height}" fill="{BAR}"/>'
                     f'<text x="{middle}" y="{round(base - height - 6, 1)}" text-anchor="middle" '
                     f'font-weight="700">{n}</text>'
                     f'<text x="{middle}" y="{base + 20}" text-anchor="middle" font-size="12">{esc(label)}</text>')
    return _svg(chart_id, title, desc, base + 32, "".join(parts))
