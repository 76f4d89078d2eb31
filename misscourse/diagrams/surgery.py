"""How the surgeon reaches the spine: open surgery next to MISS (``open-vs-miss``) and a close
look at the tube (``tubular-retractor``)."""

from __future__ import annotations

from .shapes import Frame, axial_bone, muscle_fill, side_bone
from .svg import BLACK, BLUE, DARK, GREY, ORANGE, WHITE, YELLOW, Svg

SKIN = 14                                  # skin thickness


def _skin(svg: Svg, left: float, right: float, y: float, gap: tuple[float, float]) -> None:
    """The skin as a band from ``left`` to ``right``, opened by a cut over ``gap``."""
    svg.region("skin", ORANGE, "thin band on top, black edge")
    for x0, x1 in ((left, gap[0]), (gap[1], right)):
        svg.rect(x0, y, x1 - x0, SKIN, fill=ORANGE, stroke=BLACK, stroke_width=1.5)


def _tube(svg: Svg, x0: float, x1: float, top: float, bottom: float, wall: float) -> None:
    """The tube (retractor), cut along its length: two blue walls, open inside."""
    svg.region("tube", BLUE, "two walls with a white inside")
    svg.rect(x0 + wall, top, x1 - x0 - 2 * wall, bottom - top, fill=WHITE)
    for x in (x0, x1 - wall):
        svg.rect(x, top, wall, bottom - top, fill=BLUE, stroke=BLACK, stroke_width=1.5)


def _aside(svg: Svg, x0: float, x1: float, ys, length: float = 34) -> None:
    """Arrows pointing away from a gap (x0..x1): the muscle is pushed aside."""
    for y in ys:
        svg.arrow(x0 - 4, y, x0 - 4 - length, y, width=3, head=10)
        svg.arrow(x1 + 4, y, x1 + 4 + length, y, width=3, head=10)


def _bracket(svg: Svg, x0: float, x1: float, y: float, text: str) -> None:
    """A measuring bracket over a cut, with its label above."""
    svg.polyline([(x0, y + 10), (x0, y), (x1, y), (x1, y + 10)], fill="none", stroke=BLACK,
                 stroke_width=2.5)
    svg.text((x0 + x1) / 2, y - 10, text, size=18, bold=True, anchor="middle")


# -- open-vs-miss ------------------------------------------------------------------------------
PANEL_W, MIDDLE = 300, 400                  # two panels either side of a column of names
SKIN_Y, BONE_Y, BONE_SCALE = 170, 320, 0.55


def _back_layers(svg: Svg, left: float, fibres: str) -> list[Frame]:
    """Muscle and a row of spine bones, seen from the side with the patient lying face down."""
    svg.rect(left, SKIN_Y + SKIN, PANEL_W, BONE_Y - SKIN_Y - SKIN - 30, fill=fibres)
    step = 82 * BONE_SCALE
    frames = [Frame(left + PANEL_W / 2 + (k - 2.5) * step, BONE_Y, -90, BONE_SCALE)
              for k in range(6)]
    return frames


def _open_panel(svg: Svg, words, left: float, fibres: str) -> None:
    cut = (left + 70, left + PANEL_W - 70)
    frames = _back_layers(svg, left, fibres)
    trough = [(cut[0] - 18, SKIN_Y), (cut[1] + 18, SKIN_Y), (cut[1] - 4, BONE_Y - 56),
              (cut[0] + 4, BONE_Y - 56)]
    svg.polygon(trough, fill=WHITE)
    for wall in (trough[:4:3], trough[1:3]):
        svg.polyline(wall, fill="none", stroke=BLACK, stroke_width=1.5)
    for frame in frames:
        side_bone(svg, frame)
    _skin(svg, left, left + PANEL_W, SKIN_Y, (cut[0] - 18, cut[1] + 18))
    for x, out in ((cut[0] - 12, -1), (cut[1] + 12, 1)):    # retractor blades pull outward
        svg.polyline([(x + out * 30, SKIN_Y - 26), (x, SKIN_Y - 26), (x - out * 6, BONE_Y - 70)],
                     fill="none", stroke=DARK, stroke_width=6, stroke_linejoin="round")
    _aside(svg, cut[0] - 8, cut[1] + 8, (SKIN_Y + 34,), length=28)
    _bracket(svg, cut[0] - 18, cut[1] + 18, SKIN_Y - 50, words("long_cut"))
    svg.callout(words("muscle_aside"), left + 10, 392, (cut[0] - 40, SKIN_Y + 34),
                width=PANEL_W - 20)


def _miss_panel(svg: Svg, words, left: float, fibres: str) -> None:
    middle = left + PANEL_W / 2
    frames = _back_layers(svg, left, fibres)
    for frame in frames:
        side_bone(svg, frame)
    _skin(svg, left, left + PANEL_W, SKIN_Y, (middle - 16, middle + 16))
    _tube(svg, middle - 20, middle + 20, SKIN_Y - 34, BONE_Y - 62, 6)
    _aside(svg, middle - 20, middle + 20, (SKIN_Y + 34,), length=28)
    _bracket(svg, middle - 16, middle + 16, SKIN_Y - 50, words("small_cut"))
    svg.callout(words("tube"), left + 10, 392, (middle - 20, BONE_Y - 110), width=PANEL_W - 20)


def _shared_label(svg: Svg, text: str, y: float, reach: float) -> None:
    """A name in the middle column with a leader to each panel, ``reach`` into it."""
    svg.text(MIDDLE, y + 6, text, size=17, bold=True, anchor="middle")
    for side in (-1, 1):
        edge = MIDDLE + side * (MIDDLE - 20 - PANEL_W)
        target = (edge + side * reach, y)
        svg.line(MIDDLE + side * 42, y, *target, stroke=BLACK, stroke_width=1.5)
        svg.circle(*target, 4, fill=BLACK, stroke=WHITE, stroke_width=1.5)


def open_vs_miss(sketch) -> Svg:
    svg, words = sketch.canvas(450), sketch.words
    fibres = muscle_fill(svg)
    panels = ((20, "open", _open_panel), (svg.width - 20 - PANEL_W, "miss", _miss_panel))
    for left, key, draw in panels:
        svg.rect(left - 8, 12, PANEL_W + 16, 426, rx=10, fill=WHITE, stroke=GREY, stroke_width=2)
        svg.paragraph(left + PANEL_W / 2, 42, words(key), PANEL_W - 20, size=19, bold=True,
                      anchor="middle")
        draw(svg, words, left, fibres)
    _shared_label(svg, words("skin"), SKIN_Y + SKIN / 2, 24)
    _shared_label(svg, words("muscle"), SKIN_Y + 50, 18)
    _shared_label(svg, words("spine"), BONE_Y + 4, 26)
    return svg


# -- tubular-retractor -------------------------------------------------------------------------
SLICE = (190, 650)                         # the slice of the back drawn (x)
TUBE = (322, 390)                          # the tube's outer edges (x)
TOP, SKIN_TOP, DOCK = 112, 176, 311        # tube top, skin, where the tube meets the bone


def _tools(svg: Svg) -> tuple[tuple[float, float], tuple[float, float]]:
    """A grasping tool and a camera with its light; returns the points the labels name."""
    x0, x1 = TUBE
    svg.line(x0 + 4, 44, x0 + 22, DOCK - 12, stroke=DARK, stroke_width=6, stroke_linecap="round")
    svg.polyline([(x0 + 16, DOCK - 22), (x0 + 22, DOCK - 2), (x0 + 32, DOCK - 20)],
                 fill="none", stroke=BLACK, stroke_width=3)
    tip = (x1 - 24, DOCK - 30)
    svg.line(x1 - 4, 44, *tip, stroke=DARK, stroke_width=6, stroke_linecap="round")
    svg.region("light", YELLOW, "cone with a dashed orange edge")
    svg.polygon([tip, (tip[0] - 18, DOCK + 2), (tip[0] + 16, DOCK + 2)], fill=YELLOW,
                stroke=ORANGE, stroke_width=2, stroke_dasharray="4 3")
    svg.rect(tip[0] - 7, tip[1] - 12, 14, 16, rx=3, fill=BLACK)
    return (x0 + 6, 60), (x1 - 3, 60)


def tubular_retractor(sketch) -> Svg:
    svg, words = sketch.canvas(560), sketch.words
    fibres = muscle_fill(svg)
    bone = Frame(420, 372, 0, 1.3)
    left, right = SLICE
    mid = (left + right) / 2
    svg.path(f"M{left},{SKIN_TOP + SKIN} H{right} V390 Q{right - 60},430 {mid},420 "
             f"Q{left + 60},430 {left},390 Z", fill=fibres, stroke=DARK, stroke_width=1.5)
    axial_bone(svg, bone)
    _skin(svg, left, right, SKIN_TOP, (TUBE[0] + 2, TUBE[1] - 2))
    _tube(svg, TUBE[0], TUBE[1], TOP, DOCK, 9)
    _aside(svg, *TUBE, (204, 226), length=24)
    tools, camera = _tools(svg)

    svg.text(24, 34, words("view"), size=20, bold=True)
    svg.callout(words("tools"), 290, 70, tools, anchor="end", width=250)
    svg.callout(words("camera"), 430, 64, camera, width=340)
    svg.callout(words("tube"), 180, 140, (TUBE[0], 150), anchor="end", width=160)
    svg.callout(words("muscle"), 180, 236, (left + 50, 250), anchor="end", width=160)
    svg.callout(words("skin"), 560, 140, (600, SKIN_TOP + 4), width=200)
    svg.callout(words("nerves"), 670, 300, bone.at(8, -8), width=120)
    svg.callout(words("bone"), 560, 490, bone.at(40, 74), width=220)
    return svg
