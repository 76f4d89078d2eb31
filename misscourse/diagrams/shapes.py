"""Simplified body parts shared by several diagrams: spine bones seen from the side and from
above, disks, nerves, skin and muscle.

Side view, in a bone's own coordinates: the front of the body is to the left (-x), the head is
up (-y); the bone's centre is (0, 0). ``Frame`` places a bone on the page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .svg import BLACK, BLUE, BONE, DARK, PURPLE, SKY, VERMILLION, WHITE, Svg, num, points

BODY_HALF_W, BODY_HALF_H, DISK_H = 56, 30, 22
STEP = 2 * BODY_HALF_H + DISK_H          # one bone and one disk
CANAL = (56, 100)                        # the canal's front and back walls (x)
NERVE_X = 78                             # the middle of the canal
BONE_EDGE = {"fill": BONE, "stroke": DARK, "stroke_width": 2}
DASHED = {"fill": "none", "stroke": BLACK, "stroke_width": 2, "stroke_dasharray": "7 5"}

# The back part of a bone (lamina, joints and spinous process) and the bridge to its body.
BODY = ("M-48,-30 H48 Q56,-30 56,-22 V22 Q56,30 48,30 H-48 Q-56,30 -56,22 Q-51,0 -56,-22 "
        "Q-56,-30 -48,-30 Z")
ARCH = ("M100,-30 L104,-44 L120,-44 L126,-20 L172,-16 Q190,-12 190,2 Q190,18 172,18 "
        "L128,20 L122,36 L106,36 L100,20 Z")
PEDICLE = (56, -28, 44, 20)


@dataclass(frozen=True)
class Frame:
    """A bone's place on the page: its centre and its tilt (degrees, clockwise)."""

    x: float
    y: float
    angle: float = 0.0
    scale: float = 1.0

    def at(self, lx: float, ly: float) -> tuple[float, float]:
        a = math.radians(self.angle)
        lx, ly = lx * self.scale, ly * self.scale
        return (self.x + lx * math.cos(a) - ly * math.sin(a),
                self.y + lx * math.sin(a) + ly * math.cos(a))

    @property
    def transform(self) -> str:
        parts = [f"translate({num(self.x)} {num(self.y)})"]
        if self.angle:
            parts.append(f"rotate({num(self.angle)})")
        if self.scale != 1:
            parts.append(f"scale({num(self.scale)})")
        return " ".join(parts)

    def below(self, angle: float) -> "Frame":
        """The next bone down, one disk lower, tilted by ``angle``."""
        joint = self.at(0, BODY_HALF_H + DISK_H / 2)
        a = math.radians(angle)
        down = BODY_HALF_H + DISK_H / 2
        return Frame(joint[0] - down * self.scale * math.sin(a),
                     joint[1] + down * self.scale * math.cos(a), angle, self.scale)

    def shifted(self, dx: float) -> "Frame":
        """The same bone moved forward (-) or back (+) along its own x axis."""
        x, y = self.at(dx, 0)
        return Frame(x, y, self.angle, self.scale)


def side_bone(svg: Svg, frame: Frame, outline_only: bool = False) -> None:
    """A spine bone from the side: body, bridge (pedicle) and back arch."""
    style = DASHED if outline_only else BONE_EDGE
    if not outline_only:
        svg.region("bone", BONE, "grey edge")
    with svg.group(transform=frame.transform):
        svg.path(BODY, **style)
        svg.rect(*PEDICLE, **style)
        svg.path(ARCH, stroke_linejoin="round", **style)


def disk_fill(svg: Svg) -> str:
    """Sky blue with blue rings: a disk reads as a disk in greyscale too."""
    svg.region("disk", SKY, "blue ring stripes")
    return svg.pattern("disk", 7, SKY, "M0,3.5 H7", BLUE, 1.2)


def disk(svg: Svg, upper: Frame, lower: Frame, fill: str, bulge_back: float = 0) -> None:
    """The disk between two bones, following their tilt; ``bulge_back`` pushes it into the canal."""
    a, b = upper.at(-BODY_HALF_W + 4, BODY_HALF_H), upper.at(BODY_HALF_W - 4, BODY_HALF_H)
    c, d = lower.at(BODY_HALF_W - 4, -BODY_HALF_H), lower.at(-BODY_HALF_W + 4, -BODY_HALF_H)
    back = _mid(upper.at(BODY_HALF_W + 4 + 2 * bulge_back, BODY_HALF_H + DISK_H / 2),
                lower.at(BODY_HALF_W + 4 + 2 * bulge_back, -BODY_HALF_H - DISK_H / 2))
    front = _mid(upper.at(-BODY_HALF_W - 8, BODY_HALF_H + DISK_H / 2),
                 lower.at(-BODY_HALF_W - 8, -BODY_HALF_H - DISK_H / 2))
    svg.path(f"M{points(a)} L{points(b)} Q{points(back)} {points(c)} L{points(d)} "
             f"Q{points(front)} {points(a)} Z", fill=fill, stroke=BLUE, stroke_width=2)


def _mid(p, q):
    return ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)


def smooth(xy) -> str:
    """A path through the points, with corners rounded by quadratic curves."""
    xy = list(xy)
    d = [f"M{points(xy[0])}"]
    for p, q in zip(xy[1:-1], xy[2:]):
        d.append(f"Q{points(p)} {points(_mid(p, q))}")
    d.append(f"L{points(xy[-1])}")
    return " ".join(d)


def nerve_path(svg: Svg, xy, width: float = 8) -> None:
    """A nerve: a vermillion cord with a black edge, along a smooth path through ``xy``."""
    svg.region("nerve", VERMILLION, "cord with a black edge")
    for colour, w in ((BLACK, width + 4), (VERMILLION, width)):
        svg.path(smooth(xy), fill="none", stroke=colour, stroke_width=w, stroke_linecap="round")


def muscle_fill(svg: Svg) -> str:
    """Reddish purple with white fibre stripes."""
    svg.region("muscle", PURPLE, "white fibre stripes")
    return svg.pattern("muscle", 9, PURPLE, "M0,4.5 H9", WHITE, 1.5)


# -- a bone seen from above (a cross-section): back of the body up, front down -------------------
AXIAL_ARCH = ("M-30,40 L-34,8 L-96,-4 Q-108,-8 -104,-18 L-46,-22 L-50,-36 L-38,-44 "
              "L-12,-48 L-10,-100 Q0,-110 10,-100 L12,-48 L38,-44 L50,-36 L46,-22 "
              "L104,-18 Q108,-8 96,-4 L34,8 L30,40 Z")


def axial_bone(svg: Svg, frame: Frame) -> None:
    """A spine bone cut across: body in front, ring around the canal, spinous process behind."""
    svg.region("bone", BONE, "grey edge")
    svg.region("nerve", VERMILLION, "cord with a black edge")
    with svg.group(transform=frame.transform):
        svg.path(AXIAL_ARCH, stroke_linejoin="round", **BONE_EDGE)
        svg.ellipse(0, 74, 64, 44, **BONE_EDGE)
        svg.path("M-24,6 Q-26,-28 0,-30 Q26,-28 24,6 Q0,22 -24,6 Z", fill=WHITE, stroke=DARK,
                 stroke_width=2)
        for cx in (-8, 8):
            svg.circle(cx, -8, 7, fill=VERMILLION, stroke=BLACK, stroke_width=2)
        svg.circle(0, -20, 6, fill=VERMILLION, stroke=BLACK, stroke_width=2)
