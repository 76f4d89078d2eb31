"""The three operations, stacked for a phone (``operations``): a discectomy takes out the piece of
disk that presses on a nerve, a laminectomy takes off part of the lamina (the back of the bone)
to make room, and a spinal fusion joins two bones with screws, rods and bone graft.

Each panel shows two spine bones from the side (front of the body to the left), the nerves in
the canal behind them, and what the operation changes; the words sit beside the drawing. A
legend at the bottom names the marks, so nothing is told by colour alone.
"""

from __future__ import annotations

from .figures import BODY, HEAD, MARGIN, NARROW
from .shapes import (ARCH, BODY as BONE_BODY, BODY_HALF_H, BONE_EDGE, CANAL, DASHED, DISK_H,
                     NERVE_X, PEDICLE, Frame, disk, disk_fill, nerve_path, side_bone)
from .svg import BLACK, BLUE, BONE, DARK, GREY, LINE_HEIGHT, VERMILLION, WHITE, Svg, num, wrap

SCALE = 0.72
PIC_W = 196                                   # the drawing's width on the page
TEXT_X = MARGIN + PIC_W + 16
TEXT_W = NARROW - MARGIN - 10 - TEXT_X
PIC_H = 150
OPERATIONS = ("discectomy", "laminectomy", "fusion")


def _frames(left: float, top: float) -> tuple[Frame, Frame]:
    upper = Frame(left + 56 * SCALE + 8, top + 50 * SCALE + 10, 0, SCALE)
    return upper, upper.below(0)


def _nerve(svg: Svg, upper: Frame, lower: Frame, top: float, bottom: float) -> None:
    x = upper.at(NERVE_X, 0)[0]
    nerve_path(svg, [(x, top), (x, (top + bottom) / 2), (x, bottom)], width=8)


def _removed(svg: Svg) -> None:
    svg.region("taken out", WHITE, "dashed outline")


def _discectomy(svg: Svg, upper: Frame, lower: Frame, top: float, bottom: float) -> None:
    disk(svg, upper, lower, disk_fill(svg))
    _nerve(svg, upper, lower, top, bottom)
    mid = BODY_HALF_H + DISK_H / 2
    # where the bulge was: a dashed outline at the back of the disk, pressing into the canal
    _removed(svg)
    a, b = upper.at(CANAL[0] - 4, mid - 16), upper.at(CANAL[0] + 42, mid)
    c = upper.at(CANAL[0] - 4, mid + 16)
    svg.path(f"M{num(a[0])},{num(a[1])} Q{num(b[0] + 4)},{num(a[1] - 2)} {num(b[0])},{num(b[1])} "
             f"Q{num(b[0] + 4)},{num(c[1] + 2)} {num(c[0])},{num(c[1])}", **DASHED)
    # the piece, lifted out through the back
    start, end = upper.at(CANAL[1] + 6, mid), upper.at(200, mid)
    svg.arrow(*start, end[0] - 22, end[1], width=3, head=10)
    svg.ellipse(end[0] - 8, end[1], 11, 8, fill=disk_fill(svg), stroke=BLUE,
                stroke_width=2)


def _arch_parts(svg: Svg, frame: Frame, arch_style: dict) -> None:
    with svg.group(transform=frame.transform):
        svg.path(BONE_BODY, **BONE_EDGE)
        svg.rect(*PEDICLE, **BONE_EDGE)
        svg.path(ARCH, stroke_linejoin="round", **arch_style)


def _laminectomy(svg: Svg, upper: Frame, lower: Frame, top: float, bottom: float) -> None:
    disk(svg, upper, lower, disk_fill(svg))
    _nerve(svg, upper, lower, top, bottom)
    _removed(svg)
    for frame in (upper,):
        with svg.group(transform=frame.transform):
            svg.path(ARCH, stroke_linejoin="round", **DASHED)
    start, end = upper.at(150, 0), upper.at(214, -34)
    svg.arrow(*start, *end, width=3, head=10)


def _fusion(svg: Svg, upper: Frame, lower: Frame, top: float, bottom: float) -> None:
    disk(svg, upper, lower, _graft(svg))
    _nerve(svg, upper, lower, top, bottom)
    svg.region("screws and rod", DARK, "dark bars with round heads")
    heads = []
    for frame in (upper, lower):
        tip, head = frame.at(-34, -14), frame.at(146, -14)
        svg.line(*head, *tip, stroke=WHITE, stroke_width=9, stroke_linecap="round")
        svg.line(*head, *tip, stroke=DARK, stroke_width=6, stroke_linecap="round")
        heads.append(head)
    svg.line(*heads[0], *heads[1], stroke=WHITE, stroke_width=11, stroke_linecap="round")
    svg.line(*heads[0], *heads[1], stroke=DARK, stroke_width=7, stroke_linecap="round")
    for head in heads:
        svg.circle(*head, 7, fill=DARK, stroke=WHITE, stroke_width=2)


def _graft(svg: Svg) -> str:
    svg.region("bone graft", BONE, "dotted pattern")
    return svg.pattern("graft", 8, BONE, "M2,2 h1.5 M6,6 h1.5", BLACK, 2.2)


DRAW = {"discectomy": _discectomy, "laminectomy": _laminectomy, "fusion": _fusion}


def _legend(svg: Svg, words, y: float) -> float:
    """Rows of mark + meaning; returns the y below the last row."""
    fill = disk_fill(svg)
    rows = []
    for key in ("legend_nerve", "legend_disk", "legend_removed", "legend_metal", "legend_graft"):
        rows.append((key, wrap(words(key), NARROW - 2 * MARGIN - 70, BODY)))
    for key, lines in rows:
        mid = y + BODY * 0.5
        x0, x1 = MARGIN + 8, MARGIN + 52
        if key == "legend_nerve":
            for colour, w in ((BLACK, 12), (VERMILLION, 8)):
                svg.line(x0 + 4, mid, x1 - 4, mid, stroke=colour, stroke_width=w,
                         stroke_linecap="round")
        elif key == "legend_disk":
            svg.rect(x0, mid - 9, x1 - x0, 18, rx=6, fill=fill, stroke=BLUE, stroke_width=2)
        elif key == "legend_removed":
            svg.rect(x0, mid - 9, x1 - x0, 18, rx=6, **DASHED)
        elif key == "legend_metal":
            svg.line(x0 + 4, mid, x1 - 4, mid, stroke=DARK, stroke_width=7, stroke_linecap="round")
            svg.circle(x1 - 6, mid, 7, fill=DARK, stroke=WHITE, stroke_width=2)
        else:
            svg.rect(x0, mid - 9, x1 - x0, 18, rx=6, fill=_graft(svg), stroke=DARK, stroke_width=2)
        last = svg.text(MARGIN + 66, y + BODY * 0.85, lines, size=BODY)
        y = last + BODY * 0.5 + 12
    return y


def operations(sketch) -> Svg:
    words = sketch.words
    texts = {key: wrap(words(f"{key}_text"), TEXT_W, BODY) for key in OPERATIONS}
    heads = {key: wrap(words(key), NARROW - 2 * MARGIN - 24, HEAD, bold=True) for key in OPERATIONS}
    heights = {key: len(heads[key]) * HEAD * LINE_HEIGHT + 18
               + max(PIC_H, len(texts[key]) * BODY * LINE_HEIGHT + 16) + 10 for key in OPERATIONS}
    legend_lines = sum(len(wrap(words(k), NARROW - 2 * MARGIN - 70, BODY)) for k in
                       ("legend_nerve", "legend_disk", "legend_removed", "legend_metal",
                        "legend_graft"))
    legend_h = legend_lines * BODY * LINE_HEIGHT + 5 * 12 + 8
    svg = sketch.canvas(12 + sum(h + 12 for h in heights.values()) + legend_h, NARROW)

    y = 12
    for key in OPERATIONS:
        h = heights[key]
        svg.rect(MARGIN, y, NARROW - 2 * MARGIN, h, rx=10, fill=WHITE, stroke=GREY,
                 stroke_width=2)
        last = svg.text(MARGIN + 12, y + 8 + HEAD, heads[key], size=HEAD, bold=True)
        body_top = last + 14
        body_h = h - (body_top - y) - 6
        pic_top = body_top + (body_h - PIC_H) / 2
        upper, lower = _frames(MARGIN, pic_top)
        for frame in (upper, lower):
            if key == "laminectomy" and frame is upper:
                _arch_parts(svg, frame, {"fill": "none", "stroke": "none"})
            else:
                side_bone(svg, frame)
        DRAW[key](svg, upper, lower, pic_top, pic_top + PIC_H)
        lines = texts[key]
        first = body_top + body_h / 2 - (len(lines) - 1) * BODY * LINE_HEIGHT / 2 + BODY * 0.35
        svg.text(TEXT_X, first, lines, size=BODY)
        y += h + 12
    _legend(svg, words, y + 4)
    return svg
