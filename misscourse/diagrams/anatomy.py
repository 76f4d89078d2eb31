"""The spine from the side (``spine-anatomy``) and three problems that press on nerves
(``conditions``)."""

from __future__ import annotations

from .shapes import (CANAL, DASHED, NERVE_X, STEP, Frame, disk, disk_fill, nerve_path,
                     side_bone, smooth)
from .svg import BLACK, BONE, DARK, GREY, LINE_HEIGHT, PALE, VERMILLION, WHITE, Svg, wrap

# -- spine-anatomy -------------------------------------------------------------------------------
TILTS = (10, 5, 0, -6, -13)          # the five lower-back bones, top to bottom (degrees)
SACRUM_TILT = -36
SACRUM = ("M-48,-30 H56 V-8 H100 L104,-40 H122 L136,-24 Q144,60 128,170 H-22 "
          "Q-52,110 -58,-20 Q-58,-30 -48,-30 Z")         # one fused bone, cut off below


def _chain(top: Frame) -> list[Frame]:
    frames = [top]
    for tilt in (*TILTS[1:], SACRUM_TILT):
        frames.append(frames[-1].below(tilt))
    return frames


def _along(frames: list[Frame], x: float, end: float = 220,
           start: float = -220) -> list[tuple[float, float]]:
    """Points down the spine at a fixed distance ``x`` behind the front of each bone, from
    ``start`` above the first bone's centre to ``end`` below the last bone's centre."""
    half = STEP / 2
    xy = [frames[0].at(x, start)]
    for frame in frames[:-1]:
        xy += [frame.at(x, -half), frame.at(x, half)]
    return xy + [frames[-1].at(x, -half), frames[-1].at(x, end)]


def _front_back(svg: Svg, words, y: float, size: int = 16) -> None:
    """Arrows along the bottom: front of the body to the left, back to the right."""
    svg.arrow(160, y, 24, y)
    svg.text(24, y - 12, words("front"), size=size, bold=True)
    svg.arrow(svg.width - 160, y, svg.width - 24, y)
    svg.text(svg.width - 24, y - 12, words("back"), size=size, bold=True, anchor="end")


ANATOMY_W, ANATOMY_SCALE, LABEL = 560, 0.9, 20
CORD_TOP = -170                           # where the canal and the cord come into the picture
LEFT_END, RIGHT_START = 146, 414          # labels end (left) and start (right) here


def _cord(svg: Svg, frames: list[Frame]) -> tuple[float, float]:
    """The spinal cord down the canal, tapering to its end (the conus) at the L1-L2 disk;
    returns the point where it ends."""
    l1 = frames[0]
    tip = l1.at(NERVE_X, STEP / 2)                       # the middle of the L1-L2 disk
    top = l1.at(NERVE_X, CORD_TOP)
    half = 9 * l1.scale
    taper = l1.at(NERVE_X, 4)
    svg.region("nerve", VERMILLION, "cord with a black edge")
    svg.path(f"M{top[0] - half:.1f},{top[1]:.1f} L{taper[0] - half:.1f},{taper[1]:.1f} "
             f"Q{taper[0] - half:.1f},{tip[1] - 6:.1f} {tip[0]:.1f},{tip[1]:.1f} "
             f"Q{taper[0] + half:.1f},{tip[1] - 6:.1f} {taper[0] + half:.1f},{taper[1]:.1f} "
             f"L{top[0] + half:.1f},{top[1]:.1f} Z",
             fill=VERMILLION, stroke=BLACK, stroke_width=2.5, stroke_linejoin="round")
    return tip


CAUDA = (-12, -5, 2, 9)                  # the strands' places across the canal (bone units)


def _cauda(svg: Svg, frames: list[Frame]) -> None:
    """Thin nerve roots from the end of the cord down the canal (the cauda equina), and one
    root leaving the canal forward below each bone."""
    l1 = frames[0]
    start = l1.at(NERVE_X, STEP / 2 - 14)
    for k, dx in enumerate(CAUDA):
        xy = [start] + _along(frames[1:], NERVE_X + dx, 30)[1:]
        xy[1] = frames[1].at(NERVE_X + dx, -STEP / 2)
        nerve_path(svg, xy, width=3)
    for frame in frames[:-1]:
        nerve_path(svg, [frame.at(NERVE_X - 8, 10), frame.at(60, 44), frame.at(42, 64),
                         frame.at(26, 86)], width=5)


def spine_anatomy(sketch) -> Svg:
    svg, words = sketch.canvas(760, ANATOMY_W), sketch.words
    frames = _chain(Frame(230, 200, TILTS[0], ANATOMY_SCALE))
    lumbar, sacrum = frames[:-1], frames[-1]

    canal = (_along(frames, CANAL[0], 0, CORD_TOP)
             + _along(frames, CANAL[1], 0, CORD_TOP)[::-1])
    svg.region("canal", PALE, "dashed walls")
    svg.polygon(canal, fill=PALE, stroke=DARK, stroke_width=1.5, stroke_dasharray="6 4")
    with svg.group(transform=sacrum.transform):
        svg.path(SACRUM, fill=BONE, stroke=DARK, stroke_width=2, stroke_linejoin="round")
    for frame in lumbar:
        side_bone(svg, frame)
    fill = disk_fill(svg)
    for upper, lower in zip(frames, frames[1:]):
        disk(svg, upper, lower, fill)
    _cauda(svg, frames)
    tip = _cord(svg, frames)
    svg.marks["conus"] = tip
    for n, frame in enumerate(lumbar, 1):
        svg.marks[f"L{n}"] = (frame.x, frame.y)
        svg.text(frame.x - 4, frame.y + 7, f"L{n}", size=19, bold=True, anchor="middle", on=BONE)

    svg.text(16, 34, words("view"), size=22, bold=True)
    kw = dict(size=LABEL, width=LEFT_END - 14)
    svg.callout(words("vertebra"), LEFT_END, frames[1].y - 10, frames[1].at(-40, -16),
                anchor="end", **kw)
    svg.callout(words("disk"), LEFT_END, frames[2].y + 36, frames[2].at(-36, 41), anchor="end",
                **kw)
    svg.callout(words("nerve_root"), LEFT_END, frames[4].y + 20, frames[3].at(30, 78),
                anchor="end", **kw)
    kw = dict(size=LABEL, width=ANATOMY_W - RIGHT_START - 12)
    svg.callout(words("canal"), RIGHT_START, 66, frames[0].at(CANAL[1] - 4, -140), **kw)
    svg.callout(words("spinal_cord"), RIGHT_START, 150, frames[0].at(NERVE_X + 6, -100), **kw)
    svg.callout(words("conus"), RIGHT_START, tip[1] - 6, (tip[0] + 4, tip[1]), **kw)
    svg.callout(words("cauda"), RIGHT_START, frames[3].y + 30,
                frames[3].at(NERVE_X + CAUDA[-1] + 2, 20), **kw)
    y = svg.height - 24
    svg.arrow(120, y, 16, y)
    svg.text(16, y - 12, words("front"), size=LABEL, bold=True)
    svg.arrow(svg.width - 120, y, svg.width - 16, y)
    svg.text(svg.width - 16, y - 12, words("back"), size=LABEL, bold=True, anchor="end")
    return svg


# -- conditions ------------------------------------------------------------------------------------
LOW_DISK = STEP + STEP / 2          # the problem sits at the lower disk (in the top bone's units)
NERVE = (NERVE_X - 10, NERVE_X + 10)


def _nerve_band(svg: Svg, frame: Frame, bends=()) -> None:
    """The bundle of nerves down the canal; ``bends`` are (y, front x, back x) on the way."""
    profile = [(-64, *NERVE), (LOW_DISK - 44, *NERVE), *bends, (LOW_DISK + 44, *NERVE),
               (LOW_DISK + 112, *NERVE)]
    front = [frame.at(x0, y) for y, x0, _ in profile]
    back = [frame.at(x1, y) for y, _, x1 in profile][::-1]
    svg.region("nerve", VERMILLION, "cord with a black edge")
    svg.path(smooth(front) + " L" + smooth(back)[1:] + " Z", fill=VERMILLION, stroke=BLACK,
             stroke_width=2.5, stroke_linejoin="round")


def _herniated(svg: Svg, frames: list[Frame], fill: str) -> None:
    top, mid, low = frames
    disk(svg, top, mid, fill)
    disk(svg, mid, low, fill, bulge_back=24)
    svg.line(*mid.at(CANAL[0], 30), *low.at(CANAL[0], -30), **DASHED)
    _nerve_band(svg, top, [(LOW_DISK, NERVE[0] + 20, NERVE[1] + 14)])
    svg.arrow(*mid.at(-10, 41), *mid.at(44, 41), width=3, head=11)


def _stenosis(svg: Svg, frames: list[Frame], fill: str) -> None:
    top, mid, low = frames
    disk(svg, top, mid, fill)
    disk(svg, mid, low, fill)
    for wall, reach in ((CANAL[0], 20), (CANAL[1], -22)):
        svg.path(smooth([mid.at(wall, 0), mid.at(wall + reach, 41), mid.at(wall, 82)]) + " Z",
                 fill=BONE, stroke=DARK, stroke_width=2)
    for wall in CANAL:
        svg.line(*mid.at(wall, 8), *mid.at(wall, 74), **DASHED)
    _nerve_band(svg, top, [(LOW_DISK, NERVE_X - 4, NERVE_X + 4)])


def _slip(svg: Svg, frames: list[Frame], fill: str) -> None:
    top, mid, low = frames
    slid = [top.shifted(-26), mid.shifted(-26)]
    for frame in slid:
        side_bone(svg, frame)
    disk(svg, *slid, fill)
    disk(svg, slid[1], low, fill)
    side_bone(svg, mid, outline_only=True)
    svg.arrow(*slid[1].at(10, 0), *slid[1].at(-40, 0), width=4, head=14)
    _nerve_band(svg, top.shifted(-26), [(LOW_DISK - 20, NERVE[0] + 8, NERVE[1] + 10),
                                         (LOW_DISK + 30, NERVE[0] + 26, NERVE[1] + 26)])


CONDITIONS = (("herniated", _herniated), ("stenosis", _stenosis), ("slip", _slip))
# Stacked for phones: each problem in its own panel, the drawing on the left and its words on
# the right; a legend and the front/back arrows at the bottom.
COND_W, COND_SCALE, COND_SIZE, COND_HEAD = 440, 0.7, 19, 22
COND_PIC_W = 196
COND_TEXT_X = 10 + COND_PIC_W + 20
COND_TEXT_W = COND_W - COND_TEXT_X - 20
COND_PIC_H = (LOW_DISK + 112 + 64) * COND_SCALE + 8


def _condition_panel_height(words, key: str) -> float:
    head = wrap(words(key), COND_W - 44, COND_HEAD, bold=True)
    text = wrap(words(f"{key}_text"), COND_TEXT_W, COND_SIZE)
    return (len(head) * COND_HEAD * LINE_HEIGHT + 18
            + max(COND_PIC_H, len(text) * COND_SIZE * LINE_HEIGHT + 16) + 8)


def conditions(sketch) -> Svg:
    words = sketch.words
    heights = [_condition_panel_height(words, key) for key, _ in CONDITIONS]
    legend = [wrap(words(k), COND_W - 100, COND_SIZE) for k in ("nerve", "normal")]
    legend_h = sum(len(lines) * COND_SIZE * LINE_HEIGHT + 12 for lines in legend)
    svg = sketch.canvas(12 + sum(h + 12 for h in heights) + legend_h + 60, COND_W)
    fill = disk_fill(svg)
    y = 12
    for (key, draw), h in zip(CONDITIONS, heights):
        svg.rect(10, y, COND_W - 20, h, rx=10, fill=WHITE, stroke=GREY, stroke_width=2)
        head = wrap(words(key), COND_W - 44, COND_HEAD, bold=True)
        last = svg.text(22, y + 8 + COND_HEAD, head, size=COND_HEAD, bold=True)
        body_top = last + 14
        body_h = y + h - 6 - body_top
        pic_top = body_top + (body_h - COND_PIC_H) / 2
        frames = [Frame(10 + 66, pic_top + 64 * COND_SCALE + 4, 0, COND_SCALE)]
        frames += [frames[0].below(0), frames[0].below(0).below(0)]
        for frame in frames[(2 if key == "slip" else 0):]:
            side_bone(svg, frame)
        draw(svg, frames, fill)
        lines = wrap(words(f"{key}_text"), COND_TEXT_W, COND_SIZE)
        first = body_top + body_h / 2 - (len(lines) - 1) * COND_SIZE * LINE_HEIGHT / 2 + 7
        svg.text(COND_TEXT_X, first, lines, size=COND_SIZE)
        y += h + 12

    y += 6
    for key, lines in zip(("nerve", "normal"), legend):
        mid = y + COND_SIZE * 0.5
        if key == "nerve":
            svg.rect(18, mid - 7, 50, 14, rx=5, fill=VERMILLION, stroke=BLACK, stroke_width=2)
        else:
            svg.line(18, mid, 68, mid, **DASHED)
        last = svg.text(84, y + COND_SIZE * 0.85, lines, size=COND_SIZE)
        y = last + COND_SIZE * 0.45 + 12
    y = svg.height - 16
    svg.arrow(120, y, 14, y)
    svg.text(14, y - 12, words("front"), size=COND_SIZE, bold=True)
    svg.arrow(svg.width - 120, y, svg.width - 14, y)
    svg.text(svg.width - 14, y - 12, words("back"), size=COND_SIZE, bold=True, anchor="end")
    return svg
