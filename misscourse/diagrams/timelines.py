"""Things in order: the steps of the day of surgery (``surgery-day``) and healing over hours,
days and weeks (``recovery-timeline``)."""

from __future__ import annotations

from .svg import (BLACK, BLUE, GREEN, GREY, LINE_HEIGHT, PALE, SKY, VERMILLION, WHITE, YELLOW,
                  Svg, wrap)

# -- surgery-day ---------------------------------------------------------------------------------
STEPS, PER_ROW = 10, 5
BOX_W, GAP, SIZE, PAD = 140, 20, 15, 10


def _box_height(texts: list[str]) -> float:
    lines = max(len(wrap(text, BOX_W - 2 * PAD, SIZE)) for text in texts)
    return 42 + lines * SIZE * LINE_HEIGHT


def _pulse(svg: Svg, x: float, y: float) -> None:
    """A heartbeat trace: the vital signs being watched."""
    xy = [(0, 0), (10, 0), (15, -10), (21, 14), (27, -18), (32, 0), (44, 0)]
    svg.polyline([(x + dx, y + dy) for dx, dy in xy], fill="none", stroke=VERMILLION,
                 stroke_width=3.5, stroke_linejoin="round", stroke_linecap="round")


def surgery_day(sketch) -> Svg:
    words = sketch.words
    texts = [words(f"step_{n}") for n in range(1, STEPS + 1)]
    box_h = _box_height(texts)
    rows_top = (34, 34 + box_h + 64)
    watch_y = rows_top[1] + box_h + 34
    svg = sketch.canvas(watch_y + 76)
    left0 = (svg.width - PER_ROW * BOX_W - (PER_ROW - 1) * GAP) / 2
    svg.region("step", WHITE, "box with a blue edge and a numbered circle")
    svg.region("number", SKY, "circle with a blue edge")
    corners = []
    for n, text in enumerate(texts):
        row, col = divmod(n, PER_ROW)
        x, y = left0 + col * (BOX_W + GAP), rows_top[row]
        corners.append((x, y))
        svg.rect(x, y, BOX_W, box_h, rx=10, fill=WHITE, stroke=BLUE, stroke_width=2.5)
        svg.circle(x + 22, y, 17, fill=SKY, stroke=BLUE, stroke_width=2.5)
        svg.text(x + 22, y + 6, str(n + 1), size=17, bold=True, anchor="middle", on=SKY)
        svg.paragraph(x + PAD, y + 40, text, BOX_W - 2 * PAD, size=SIZE)
        if col:
            svg.arrow(x - GAP + 3, y + box_h / 2, x - 3, y + box_h / 2, width=3, head=10)
    (x5, y5), (x6, y6) = corners[PER_ROW - 1], corners[PER_ROW]
    turn = y5 + box_h + 30
    svg.polyline([(x5 + BOX_W / 2, y5 + box_h + 2), (x5 + BOX_W / 2, turn),
                  (x6 + BOX_W / 2, turn)], fill="none", stroke=BLACK, stroke_width=3)
    svg.arrow(x6 + BOX_W / 2, turn, x6 + BOX_W / 2, y6 - 3, width=3, head=10)

    svg.region("watch", PALE, "dashed edge and a heartbeat trace")
    svg.rect(left0, watch_y, svg.width - 2 * left0, 50, rx=10, fill=PALE, stroke=BLACK,
             stroke_width=2, stroke_dasharray="8 5")
    _pulse(svg, left0 + 16, watch_y + 25)
    svg.paragraph(left0 + 76, watch_y + 31, words("watch"), svg.width - 2 * left0 - 90,
                  size=17, bold=True, on=PALE)
    return svg


# -- recovery-timeline -----------------------------------------------------------------------------
BANDS = (("hours", YELLOW, 3), ("days", SKY, 4), ("weeks", GREEN, 5))
BAND_W, TIP, ITEM_SIZE = 244, 22, 16


def _items(words, key: str, count: int) -> list[list[str]]:
    return [wrap(words(f"{key}_{n}"), BAND_W - 48, ITEM_SIZE) for n in range(1, count + 1)]


def _list_height(items: list[list[str]]) -> float:
    return sum(len(lines) * ITEM_SIZE * LINE_HEIGHT + 12 for lines in items)


def recovery_timeline(sketch) -> Svg:
    words = sketch.words
    lists = [_items(words, key, count) for key, _, count in BANDS]
    card_h = max(_list_height(items) for items in lists) + 28
    top = 112
    svg = sketch.canvas(top + card_h + 20)
    left0 = (svg.width - len(BANDS) * BAND_W - TIP) / 2

    svg.arrow(left0 + 2, 14, left0 + 2, 42, width=3, head=10)
    svg.text(left0 + 14, 34, words("start"), size=18, bold=True)
    for k, ((key, colour, _), items) in enumerate(zip(BANDS, lists)):
        x = left0 + k * BAND_W
        svg.region(key, colour, "its own heading word")
        svg.polygon([(x, 46), (x + BAND_W - 4, 46), (x + BAND_W - 4 + TIP, 71),
                     (x + BAND_W - 4, 96), (x, 96)] + ([(x + TIP, 71)] if k else []),
                    fill=colour, stroke=BLACK, stroke_width=2, stroke_linejoin="round")
        svg.text(x + BAND_W / 2 + 6, 79, words(key), size=21, bold=True, anchor="middle",
                 on=colour)
        svg.rect(x + 4, top, BAND_W - 8, card_h, rx=10, fill=WHITE, stroke=GREY,
                 stroke_width=2)
        y = top + 30
        for lines in items:
            svg.circle(x + 22, y - 5, 6, fill=colour, stroke=BLACK, stroke_width=1.5)
            y = svg.text(x + 36, y, lines, size=ITEM_SIZE) + ITEM_SIZE * LINE_HEIGHT + 12
    return svg
