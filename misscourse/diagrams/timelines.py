"""Things in order: the steps of the day of surgery (``surgery-day``) and healing over hours,
days and weeks (``recovery-timeline``)."""

from __future__ import annotations

from .svg import (BLACK, BLUE, GREEN, GREY, LINE_HEIGHT, PALE, SKY, VERMILLION, WHITE, YELLOW,
                  Svg, wrap)

# -- surgery-day ---------------------------------------------------------------------------------
# Ten numbered steps down the page (narrow, for phones), joined by arrows, and a bar below:
# heart rate and blood pressure are watched the whole time.
STEPS = 10
DAY_W, DAY_MARGIN, DAY_SIZE, DAY_GAP = 440, 10, 19, 22
DAY_TEXT_X = DAY_MARGIN + 62
DAY_TEXT_W = DAY_W - DAY_TEXT_X - DAY_MARGIN - 12


def _pulse(svg: Svg, x: float, y: float) -> None:
    """A heartbeat trace: the vital signs being watched."""
    xy = [(0, 0), (10, 0), (15, -10), (21, 14), (27, -18), (32, 0), (44, 0)]
    svg.polyline([(x + dx, y + dy) for dx, dy in xy], fill="none", stroke=VERMILLION,
                 stroke_width=3.5, stroke_linejoin="round", stroke_linecap="round")


def _step_height(lines: list[str]) -> float:
    return max(54, len(lines) * DAY_SIZE * LINE_HEIGHT + 24)


def surgery_day(sketch) -> Svg:
    words = sketch.words
    steps = [wrap(words(f"step_{n}"), DAY_TEXT_W, DAY_SIZE) for n in range(1, STEPS + 1)]
    watch = wrap(words("watch"), DAY_W - 2 * DAY_MARGIN - 90, DAY_SIZE, bold=True)
    watch_h = max(64, len(watch) * DAY_SIZE * LINE_HEIGHT + 28)
    height = 12 + sum(_step_height(lines) + DAY_GAP for lines in steps) + watch_h + 12
    svg = sketch.canvas(height, DAY_W)
    svg.region("step", WHITE, "box with a blue edge and a numbered circle")
    svg.region("number", SKY, "circle with a blue edge")
    y = 12
    for n, lines in enumerate(steps, 1):
        h = _step_height(lines)
        svg.rect(DAY_MARGIN, y, DAY_W - 2 * DAY_MARGIN, h, rx=10, fill=WHITE, stroke=BLUE,
                 stroke_width=2.5)
        svg.circle(DAY_MARGIN + 30, y + h / 2, 19, fill=SKY, stroke=BLUE, stroke_width=2.5)
        svg.text(DAY_MARGIN + 30, y + h / 2 + 7, str(n), size=19, bold=True, anchor="middle",
                 on=SKY)
        first = y + h / 2 - (len(lines) - 1) * DAY_SIZE * LINE_HEIGHT / 2 + DAY_SIZE * 0.35
        svg.text(DAY_TEXT_X, first, lines, size=DAY_SIZE)
        if n < STEPS:
            svg.arrow(DAY_MARGIN + 30, y + h + 2, DAY_MARGIN + 30, y + h + DAY_GAP - 2, width=3,
                      head=9)
        y += h + DAY_GAP
    svg.region("watch", PALE, "dashed edge and a heartbeat trace")
    svg.rect(DAY_MARGIN, y, DAY_W - 2 * DAY_MARGIN, watch_h, rx=10, fill=PALE, stroke=BLACK,
             stroke_width=2, stroke_dasharray="8 5")
    _pulse(svg, DAY_MARGIN + 16, y + watch_h / 2)
    first = y + watch_h / 2 - (len(watch) - 1) * DAY_SIZE * LINE_HEIGHT / 2 + DAY_SIZE * 0.35
    svg.text(DAY_MARGIN + 76, first, watch, size=DAY_SIZE, bold=True, on=PALE)
    return svg


# -- recovery-timeline -----------------------------------------------------------------------------
# Drawn narrow for phones: three stages down the page (hours, days, weeks to months), each with
# its heading word and colour, then how long healing takes after each operation, as bars of
# relative length (a fusion's bone takes months) with the words beside them.
BANDS = (("hours", YELLOW, 3), ("days", SKY, 4), ("weeks", GREEN, 4))
OPERATIONS = (("discectomy", 0.3), ("laminectomy", 0.55), ("fusion", 1.0))
T_W, T_MARGIN, T_SIZE, T_HEAD = 440, 10, 19, 22
T_TEXT_X = T_MARGIN + 36
T_TEXT_W = T_W - T_TEXT_X - T_MARGIN - 8


def _stage_items(words, key: str, count: int) -> list[list[str]]:
    return [wrap(words(f"{key}_{n}"), T_TEXT_W, T_SIZE) for n in range(1, count + 1)]


def _stage_height(items: list[list[str]]) -> float:
    return 50 + sum(len(lines) * T_SIZE * LINE_HEIGHT + 10 for lines in items) + 8


def _op_lines(words, key: str) -> tuple[list[str], list[str]]:
    return (wrap(words(key), T_W - 2 * T_MARGIN - 24, T_SIZE + 1, bold=True),
            wrap(words(f"{key}_text"), T_W - 2 * T_MARGIN - 24, T_SIZE))


def _op_height(words, key: str) -> float:
    name, text = _op_lines(words, key)
    return (len(name) + len(text)) * T_SIZE * LINE_HEIGHT + 58


def recovery_timeline(sketch) -> Svg:
    words = sketch.words
    stages = [_stage_items(words, key, count) for key, _, count in BANDS]
    ops_head = wrap(words("by_operation"), T_W - 2 * T_MARGIN, T_SIZE + 1, bold=True)
    ops_h = (len(ops_head) * (T_SIZE + 1) * LINE_HEIGHT + 12
             + sum(_op_height(words, key) + 10 for key, _ in OPERATIONS))
    top = 52
    height = top + sum(_stage_height(items) + 14 for items in stages) + ops_h + 8
    svg = sketch.canvas(height, T_W)

    svg.arrow(T_MARGIN + 12, 8, T_MARGIN + 12, 40, width=3, head=10)
    svg.text(T_MARGIN + 28, 32, words("start"), size=T_HEAD, bold=True)
    y = top
    for (key, colour, _), items in zip(BANDS, stages):
        h = _stage_height(items)
        svg.region(key, colour, "its own heading word")
        svg.rect(T_MARGIN, y, T_W - 2 * T_MARGIN, h, rx=10, fill=WHITE, stroke=GREY,
                 stroke_width=2)
        svg.path(f"M{T_MARGIN},{y + 10} Q{T_MARGIN},{y} {T_MARGIN + 10},{y} "
                 f"H{T_W - T_MARGIN - 10} Q{T_W - T_MARGIN},{y} {T_W - T_MARGIN},{y + 10} "
                 f"V{y + 38} H{T_W / 2 + 14} L{T_W / 2},{y + 50} L{T_W / 2 - 14},{y + 38} "
                 f"H{T_MARGIN} Z", fill=colour, stroke=BLACK, stroke_width=2,
                 stroke_linejoin="round")
        svg.text(T_MARGIN + 14, y + 27, words(key), size=T_HEAD, bold=True, on=colour)
        line_y = y + 50 + T_SIZE + 6
        for lines in items:
            svg.circle(T_MARGIN + 20, line_y - 6, 6, fill=colour, stroke=BLACK, stroke_width=1.5)
            line_y = svg.text(T_TEXT_X, line_y, lines, size=T_SIZE) + T_SIZE * LINE_HEIGHT + 10
        y += h + 14

    last = svg.text(T_MARGIN, y + T_SIZE + 4, ops_head, size=T_SIZE + 1, bold=True)
    y = last + 18
    hatch = svg.pattern("healing", 10, WHITE, "M0,5 H10", BLUE, 3, angle=45)
    svg.region("bar", BLUE, "solid bar, longer for a longer recovery")
    svg.region("healing", WHITE, "blue stripes: the bone goes on healing")
    full = T_W - 2 * T_MARGIN - 24
    for key, share in OPERATIONS:
        name, text = _op_lines(words, key)
        h = _op_height(words, key)
        svg.rect(T_MARGIN, y, T_W - 2 * T_MARGIN, h, rx=10, fill=WHITE, stroke=GREY,
                 stroke_width=2)
        last = svg.text(T_MARGIN + 12, y + T_SIZE + 10, name, size=T_SIZE + 1, bold=True)
        bar_y = last + 12
        svg.rect(T_MARGIN + 12, bar_y, full * share * (0.7 if key == "fusion" else 1), 16, rx=4,
                 fill=BLUE)
        if key == "fusion":
            svg.rect(T_MARGIN + 12 + full * 0.7, bar_y, full * 0.3, 16, rx=4, fill=hatch,
                     stroke=BLUE, stroke_width=2)
        svg.text(T_MARGIN + 12, bar_y + 16 + T_SIZE + 8, text, size=T_SIZE)
        y += h + 10
    return svg
