"""How the surgeon reaches the spine: open surgery next to MISS (``open-vs-miss``) and a close
look at the tube (``tubular-retractor``)."""

from __future__ import annotations

from .shapes import Frame, axial_bone, muscle_fill, side_bone
from .svg import BLACK, BLUE, DARK, GREY, LINE_HEIGHT, ORANGE, WHITE, YELLOW, Svg, wrap

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
# Stacked for phones: open surgery above, MISS below. Each panel: its name, the cut's length
# over the skin, a slice of the back (skin, muscle, spine bones, the patient lying face down),
# the names of the layers on the right, and what happens to the muscle below.
OVM_W, PANEL_W, BONE_SCALE = 440, 290, 0.55
OVM_LEFT, LABEL_X, OVM_SIZE, OVM_HEAD = 14, 14 + 290 + 18, 19, 22
DEPTH = 150                                 # skin to the middle of the spine bones


def _back_layers(svg: Svg, left: float, skin_y: float, fibres: str) -> list[Frame]:
    """Muscle and a row of spine bones, seen from the side with the patient lying face down."""
    bone_y = skin_y + DEPTH
    svg.rect(left, skin_y + SKIN, PANEL_W, DEPTH - SKIN - 30, fill=fibres)
    step = 82 * BONE_SCALE
    return [Frame(left + PANEL_W / 2 + (k - 2.5) * step, bone_y, -90, BONE_SCALE)
            for k in range(6)]


def _open_panel(svg: Svg, words, left: float, skin_y: float, fibres: str) -> tuple:
    bone_y = skin_y + DEPTH
    cut = (left + 70, left + PANEL_W - 70)
    frames = _back_layers(svg, left, skin_y, fibres)
    trough = [(cut[0] - 18, skin_y), (cut[1] + 18, skin_y), (cut[1] - 4, bone_y - 56),
              (cut[0] + 4, bone_y - 56)]
    svg.polygon(trough, fill=WHITE)
    for wall in (trough[:4:3], trough[1:3]):
        svg.polyline(wall, fill="none", stroke=BLACK, stroke_width=1.5)
    for frame in frames:
        side_bone(svg, frame)
    _skin(svg, left, left + PANEL_W, skin_y, (cut[0] - 18, cut[1] + 18))
    for x, out in ((cut[0] - 12, -1), (cut[1] + 12, 1)):    # retractor blades pull outward
        svg.polyline([(x + out * 30, skin_y - 26), (x, skin_y - 26), (x - out * 6, bone_y - 70)],
                     fill="none", stroke=DARK, stroke_width=6, stroke_linejoin="round")
    _aside(svg, cut[0] - 8, cut[1] + 8, (skin_y + 34,), length=28)
    _bracket(svg, cut[0] - 18, cut[1] + 18, skin_y - 50, words("long_cut"))
    return "muscle_aside", (cut[0] - 40, skin_y + 34)


def _miss_panel(svg: Svg, words, left: float, skin_y: float, fibres: str) -> tuple:
    bone_y = skin_y + DEPTH
    middle = left + PANEL_W / 2
    frames = _back_layers(svg, left, skin_y, fibres)
    for frame in frames:
        side_bone(svg, frame)
    _skin(svg, left, left + PANEL_W, skin_y, (middle - 16, middle + 16))
    _tube(svg, middle - 20, middle + 20, skin_y - 34, bone_y - 62, 6)
    _aside(svg, middle - 20, middle + 20, (skin_y + 34,), length=28)
    _bracket(svg, middle - 16, middle + 16, skin_y - 50, words("small_cut"))
    return "tube", (middle - 20, bone_y - 110)


def _ovm_panel_height(words, key: str, below: str) -> tuple[list[str], list[str], float]:
    head = wrap(words(key), OVM_W - 2 * OVM_LEFT - 16, OVM_HEAD, bold=True)
    note = wrap(words(below), OVM_W - 2 * OVM_LEFT - 24, OVM_SIZE)
    h = (len(head) * OVM_HEAD * LINE_HEIGHT + 14 + 84 + DEPTH + 40
         + len(note) * OVM_SIZE * LINE_HEIGHT + 16)
    return head, note, h


def open_vs_miss(sketch) -> Svg:
    words = sketch.words
    panels = [("open", "muscle_aside", _open_panel), ("miss", "tube", _miss_panel)]
    laid = [_ovm_panel_height(words, key, below) for key, below, _ in panels]
    svg = sketch.canvas(12 + sum(h + 14 for _, _, h in laid), OVM_W)
    fibres = muscle_fill(svg)
    y = 12
    for (key, _, draw), (head, note, h) in zip(panels, laid):
        svg.rect(OVM_LEFT - 4, y, OVM_W - 2 * OVM_LEFT + 8, h, rx=10, fill=WHITE, stroke=GREY,
                 stroke_width=2)
        last = svg.text(OVM_LEFT + 8, y + 8 + OVM_HEAD, head, size=OVM_HEAD, bold=True)
        skin_y = last + 14 + 84
        below, target = draw(svg, words, OVM_LEFT, skin_y, fibres)
        for label, ty, tx in (("skin", skin_y + SKIN / 2, OVM_LEFT + PANEL_W - 14),
                              ("muscle", skin_y + 56, OVM_LEFT + PANEL_W - 12),
                              ("spine", skin_y + DEPTH - 4, OVM_LEFT + PANEL_W - 18)):
            svg.callout(words(label), LABEL_X, ty + OVM_SIZE * 0.35, (tx, ty),
                        width=OVM_W - LABEL_X - 8, size=OVM_SIZE, bold=True)
        note_y = skin_y + DEPTH + 40 + OVM_SIZE
        svg.callout(words(below), OVM_LEFT + 8, note_y, target,
                    width=OVM_W - 2 * OVM_LEFT - 24, size=OVM_SIZE)
        y += h + 14
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


TR_W, TR_SCALE, TR_SIZE = 500, 0.7, 19
TR_LEFT = 8                                 # where the slice starts on the page
TR_LABEL_X = TR_LEFT + (SLICE[1] - SLICE[0]) * TR_SCALE + 14


def tubular_retractor(sketch) -> Svg:
    """The slice of the back is drawn smaller (scaled) on the left; the names sit in a column
    on the right, in order from top to bottom, each with a leader to what it names."""
    words = sketch.words
    ox, oy = TR_LEFT - SLICE[0] * TR_SCALE, 58 - 40 * TR_SCALE

    def page(x: float, y: float) -> tuple[float, float]:
        return ox + x * TR_SCALE, oy + y * TR_SCALE

    bone = Frame(420, 372, 0, 1.3)
    left, right = SLICE
    mid = (left + right) / 2
    width = TR_W - TR_LABEL_X - 8
    names = [("tools", None), ("camera", None), ("tube", (TUBE[1], 150)),
             ("skin", (600, SKIN_TOP + 4)), ("muscle", (TUBE[1] + 30, 215)),
             ("nerves", bone.at(8, -8)), ("bone", bone.at(40, 74))]
    lines = {key: wrap(words(key), width, TR_SIZE) for key, _ in names}
    targets = dict(names, tools=(TUBE[0] + 6, 60), camera=(TUBE[1] - 3, 60))   # as _tools draws
    places, y = [], 58 + TR_SIZE
    for key, _ in names:
        target = page(*targets[key])
        y = max(y, target[1] + TR_SIZE * 0.35)         # level with what it names, if there is room
        places.append((key, y, target))
        y += len(lines[key]) * TR_SIZE * LINE_HEIGHT + 18
    svg = sketch.canvas(max(oy + 436 * TR_SCALE, y - 18) + 14, TR_W)
    fibres = muscle_fill(svg)
    with svg.group(transform=f"translate({ox:.1f} {oy:.1f}) scale({TR_SCALE})"):
        svg.path(f"M{left},{SKIN_TOP + SKIN} H{right} V390 Q{right - 60},430 {mid},420 "
                 f"Q{left + 60},430 {left},390 Z", fill=fibres, stroke=DARK, stroke_width=1.5)
        axial_bone(svg, bone)
        _skin(svg, left, right, SKIN_TOP, (TUBE[0] + 2, TUBE[1] - 2))
        _tube(svg, TUBE[0], TUBE[1], TOP, DOCK, 9)
        _aside(svg, *TUBE, (204, 226), length=24)
        _tools(svg)                                    # its tips: targets["tools"], targets["camera"]

    svg.text(10, 30, words("view"), size=TR_SIZE + 3, bold=True)
    for key, y, target in places:
        svg.callout(words(key), TR_LABEL_X, y, target, width=width, size=TR_SIZE)
    return svg
