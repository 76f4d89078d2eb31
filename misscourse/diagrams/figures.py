"""People, furniture and small things for the how-to diagrams, and the narrow step layout that
reads on a phone.

A person is a solid blue figure: a round head and thick limbs with round ends, each limb edged
in white so that an arm in front of the body stays visible. Poses are lists of points in a
picture's own coordinates (150 x 124 for a step picture); ``Picture`` places them on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from .svg import (BLACK, BLUE, BONE, DARK, GREEN, GREY, LINE_HEIGHT, PALE, SKY, VERMILLION,
                  WHITE, YELLOW, Svg, num, points, wrap)

Point = tuple[float, float]

# -- the narrow layout: about 440 px across, so text stays 15 px or more on a 360 px phone ---------
NARROW = 440
MARGIN = 10
PIC_W, PIC_H = 150, 124
TEXT_X = MARGIN + PIC_W + 22
TEXT_W = NARROW - MARGIN - 12 - TEXT_X
BODY = 19                    # body text
HEAD = 22                    # headings


@dataclass
class Pose:
    """A person: head centre, the spine from neck to hip, and each arm and leg from its root."""

    head: Point
    spine: Sequence[Point]
    arms: Sequence[Sequence[Point]] = ()
    legs: Sequence[Sequence[Point]] = ()
    head_r: float = 12


def _limb(svg: Svg, xy, width: float, colour: str) -> None:
    for stroke, w in ((WHITE, width + 4), (colour, width)):
        svg.polyline(xy, fill="none", stroke=stroke, stroke_width=w, stroke_linecap="round",
                     stroke_linejoin="round")


def person(svg: Svg, pose: Pose, colour: str = BLUE) -> None:
    """Draw a pose: the far limbs (the later ones in each list) first, then body, then near ones."""
    svg.region("person", colour, "solid figure with a round head")
    arms, legs = list(pose.arms), list(pose.legs)
    for limb in legs[1:] + arms[1:]:
        _limb(svg, limb, 10, colour)
    _limb(svg, pose.spine, 15, colour)
    svg.circle(*pose.head, pose.head_r, fill=colour, stroke=WHITE, stroke_width=2)
    for limb in legs[:1] + arms[:1]:
        _limb(svg, limb, 10, colour)


def curved_arrow(svg: Svg, start: Point, control: Point, end: Point, colour: str = BLACK,
                 width: float = 3, head: float = 11) -> None:
    """A curved arrow (quadratic) with a filled head at ``end``."""
    import math

    svg.path(f"M{points(start)} Q{points(control)} {points(end)}", fill="none", stroke=colour,
             stroke_width=width, stroke_linecap="round")
    angle = math.atan2(end[1] - control[1], end[0] - control[0])
    back = (end[0] - head * math.cos(angle), end[1] - head * math.sin(angle))
    side = (head * 0.5 * math.sin(angle), -head * 0.5 * math.cos(angle))
    svg.polygon([end, (back[0] + side[0], back[1] + side[1]),
                 (back[0] - side[0], back[1] - side[1])], fill=colour)


# -- marks ------------------------------------------------------------------------------------------
def check_mark(svg: Svg, x: float, y: float, r: float = 16) -> None:
    """Yes: a white tick in a green disc with a black edge."""
    svg.region("yes mark", GREEN, "tick shape in a disc")
    svg.circle(x, y, r, fill=GREEN, stroke=BLACK, stroke_width=2)
    s = r / 16
    svg.polyline([(x - 8 * s, y + 1 * s), (x - 2 * s, y + 7 * s), (x + 9 * s, y - 7 * s)],
                 fill="none", stroke=WHITE, stroke_width=4.5 * s, stroke_linecap="round",
                 stroke_linejoin="round")


def cross_mark(svg: Svg, x: float, y: float, r: float = 16) -> None:
    """No: a white cross in a vermillion disc with a black edge."""
    svg.region("no mark", VERMILLION, "cross shape in a disc")
    svg.circle(x, y, r, fill=VERMILLION, stroke=BLACK, stroke_width=2)
    d = r * 0.42
    for sx in (-1, 1):
        svg.line(x - d, y - sx * d, x + d, y + sx * d, stroke=WHITE, stroke_width=4.5 * r / 16,
                 stroke_linecap="round")


def clock(svg: Svg, x: float, y: float, r: float = 15) -> None:
    """A clock face: time passing."""
    svg.circle(x, y, r, fill=WHITE, stroke=BLACK, stroke_width=3)
    svg.line(x, y, x, y - r * 0.65, stroke=BLACK, stroke_width=3, stroke_linecap="round")
    svg.line(x, y, x + r * 0.5, y, stroke=BLACK, stroke_width=3, stroke_linecap="round")


def breath(svg: Svg, x: float, y: float, out: bool = True) -> None:
    """Three short wavy lines at a mouth: air going out (``out``) or coming in."""
    for dy in (-8, 0, 8):
        xy = f"M{num(x)},{num(y + dy)} q5,-4 10,0 q5,4 10,0"
        svg.path(xy, fill="none", stroke=BLACK, stroke_width=2.5, stroke_linecap="round")
    tip = (x + 27, y) if out else (x - 2, y)
    back = -1 if out else 1
    svg.polygon([tip, (tip[0] + back * 8, y - 5), (tip[0] + back * 8, y + 5)], fill=BLACK)


# -- furniture ----------------------------------------------------------------------------------------
def bed(svg: Svg, x0: float = 4, x1: float = 146, top: float = 74, floor: float = 118) -> None:
    """A bed from the side: mattress on legs, a pillow at the left end, the floor below."""
    svg.region("bed", BONE, "grey edge, on legs")
    for x in (x0 + 8, x1 - 12):
        svg.rect(x, top + 14, 6, floor - top - 14, fill=GREY)
    svg.rect(x0, top, x1 - x0, 16, rx=4, fill=BONE, stroke=DARK, stroke_width=2)
    svg.line(0, floor, 150, floor, stroke=DARK, stroke_width=2)


def pillow(svg: Svg, x: float, y: float) -> None:
    svg.ellipse(x, y, 16, 6, fill=WHITE, stroke=DARK, stroke_width=2)


# -- the incentive spirometer (patients' word in Chinese: 呼吸训练器) -------------------------------
def spirometer(svg: Svg, x: float, top: float, level: float, goal: float = 0.75,
               connected: bool = True, mouth: Point | None = None) -> None:
    """The device: a clear column with a blue piston at ``level`` (0 bottom .. 1 top), a goal
    marker, and the tube to the mouthpiece (at ``mouth`` when ``connected``)."""
    svg.region("device", PALE, "clear column with a dark edge")
    svg.region("piston", BLUE, "solid bar in the column")
    w, h = 32, 82
    svg.rect(x, top, w, h, rx=5, fill=PALE, stroke=DARK, stroke_width=2.5)
    for k in range(1, 5):
        svg.line(x + 2, top + h * k / 5, x + 9, top + h * k / 5, stroke=DARK, stroke_width=1.5)
    y = top + h - 8 - (h - 16) * level
    svg.rect(x + 4, y - 4, w - 8, 10, rx=2, fill=BLUE)
    gy = top + h - 8 - (h - 16) * goal
    svg.region("goal marker", YELLOW, "triangle with a black edge beside the column")
    svg.polygon([(x + w + 2, gy), (x + w + 12, gy - 6), (x + w + 12, gy + 6)], fill=YELLOW,
                stroke=BLACK, stroke_width=1.5)
    svg.rect(x - 4, top + h, w + 8, 8, rx=2, fill=GREY)
    end = mouth if connected and mouth else (x - 26, top + h + 2)
    tube = (f"M{num(x + w / 2)},{num(top + h + 8)} Q{num(x + w / 2)},{num(top + h + 22)} "
            f"{num((x + end[0]) / 2)},{num(top + h + 18)} Q{num(end[0] + 4)},{num(top + h + 14)} "
            f"{num(end[0] + 4)},{num(end[1] + 6)}")
    svg.path(tube, fill="none", stroke=DARK, stroke_width=6, stroke_linecap="round")
    svg.rect(end[0] - 2, end[1] - 4, 12, 10, rx=2, fill=DARK)


def head_profile(svg: Svg, x: float, y: float) -> Point:
    """A head and shoulders seen from the side, facing right; returns where the mouth is."""
    svg.region("person", BLUE, "solid figure with a round head")
    svg.path(f"M{num(x - 30)},{num(y + 70)} Q{num(x - 28)},{num(y + 34)} {num(x)},{num(y + 32)} "
             f"Q{num(x + 26)},{num(y + 34)} {num(x + 28)},{num(y + 70)} Z", fill=BLUE)
    svg.circle(x, y, 24, fill=BLUE, stroke=WHITE, stroke_width=2)
    svg.polygon([(x + 22, y - 4), (x + 31, y + 5), (x + 22, y + 8)], fill=BLUE)   # the nose
    return (x + 24, y + 13)


# -- a jug of milk: what "too heavy" means -------------------------------------------------------------
def jug(svg: Svg, x: float, y: float, scale: float = 1.0) -> None:
    """A plastic milk jug with a handle (outline), about 4 litres."""
    svg.region("jug", WHITE, "outline with a handle")
    with svg.group(transform=f"translate({num(x)} {num(y)}) scale({num(scale)})"):
        svg.path("M14,0 H30 V10 L46,22 V78 Q46,84 40,84 H6 Q0,84 0,78 V22 L14,10 Z",
                 fill=WHITE, stroke=BLACK, stroke_width=3, stroke_linejoin="round")
        svg.path("M30,14 Q52,14 52,34 Q52,48 46,50", fill="none", stroke=BLACK, stroke_width=3)
        svg.rect(12, -6, 20, 8, rx=2, fill=DARK)


# -- step cards ---------------------------------------------------------------------------------------
Draw = Callable[[Svg], None]


@dataclass
class Step:
    """One step: a picture (drawn in a 150 x 124 box) and what to do, in words."""

    draw: Draw
    text: str
    lines: list[str] = field(default_factory=list)

    @property
    def height(self) -> float:
        return max(PIC_H + 16, len(self.lines) * BODY * LINE_HEIGHT + 34)


def lay_out(steps: list[Step]) -> list[Step]:
    for step in steps:
        step.lines = wrap(step.text, TEXT_W, BODY)
    return steps


def steps_height(steps: list[Step], gap: float = 12) -> float:
    return sum(step.height + gap for step in steps)


def draw_steps(svg: Svg, steps: list[Step], top: float, gap: float = 12,
               numbered: bool = True) -> float:
    """Cards down the page, each with its picture on the left and its words on the right;
    returns the y below the last card."""
    svg.region("step", WHITE, "card with a grey edge")
    y = top
    for n, step in enumerate(steps, 1):
        h = step.height
        svg.rect(MARGIN, y, NARROW - 2 * MARGIN, h, rx=10, fill=WHITE, stroke=GREY,
                 stroke_width=2)
        with svg.group(transform=f"translate({num(MARGIN + 6)} {num(y + (h - PIC_H) / 2)})"):
            step.draw(svg)
        if numbered:
            svg.region("number", SKY, "circle with a blue edge")
            svg.circle(MARGIN + 20, y + 20, 15, fill=SKY, stroke=BLUE, stroke_width=2.5)
            svg.text(MARGIN + 20, y + 26.5, str(n), size=18, bold=True, anchor="middle", on=SKY)
        text_h = (len(step.lines) - 1) * BODY * LINE_HEIGHT
        first = y + h / 2 - text_h / 2 + BODY * 0.35
        svg.text(TEXT_X, first, step.lines, size=BODY)
        y += h + gap
    return y


def banner(svg: Svg, y: float, text: str, icon: Draw | None = None, size: float = BODY,
           background: str = PALE) -> float:
    """A bold line of words in a pale box with a dashed edge, an icon on its left; returns the
    y below it."""
    x_text = MARGIN + (66 if icon else 16)
    lines = wrap(text, NARROW - MARGIN - 14 - x_text, size, bold=True)
    h = max(60, len(lines) * size * LINE_HEIGHT + 26)
    svg.region("banner", background, "dashed edge")
    svg.rect(MARGIN, y, NARROW - 2 * MARGIN, h, rx=10, fill=background, stroke=BLACK,
             stroke_width=2, stroke_dasharray="8 5")
    if icon:
        with svg.group(transform=f"translate({num(MARGIN + 32)} {num(y + h / 2)})"):
            icon(svg)
    first = y + h / 2 - (len(lines) - 1) * size * LINE_HEIGHT / 2 + size * 0.35
    svg.text(x_text, first, lines, size=size, bold=True, on=background)
    return y + h


def banner_height(text: str, icon: bool = True, size: float = BODY) -> float:
    x_text = MARGIN + (66 if icon else 16)
    lines = wrap(text, NARROW - MARGIN - 14 - x_text, size, bold=True)
    return max(60, len(lines) * size * LINE_HEIGHT + 26)


def heading(svg: Svg, y: float, text: str, size: float = HEAD) -> float:
    """A bold heading across the picture; ``y`` is its top. Returns the y below it."""
    lines = wrap(text, NARROW - 2 * MARGIN, size, bold=True)
    svg.text(MARGIN, y + size, lines, size=size, bold=True)
    return y + heading_height(text, size)


def heading_height(text: str, size: float = HEAD) -> float:
    return len(wrap(text, NARROW - 2 * MARGIN, size, bold=True)) * size * LINE_HEIGHT
