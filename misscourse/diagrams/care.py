"""Care at home, shown step by step in a narrow layout for phones: using an incentive spirometer
(``incentive-spirometer``), getting out of bed with a log roll (``log-roll``) and lifting with
the legs (``safe-lifting``)."""

from __future__ import annotations

from .figures import (BODY, MARGIN, NARROW, Pose, Step, banner, banner_height, bed, breath,
                      check_mark, clock, cross_mark, curved_arrow, draw_steps, head_profile, jug,
                      lay_out, person, pillow, spirometer, steps_height)
from .svg import BLACK, BLUE, BONE, DARK, GREY, LINE_HEIGHT, PALE, WHITE, Svg, num, wrap

# -- incentive-spirometer ------------------------------------------------------------------------
DEVICE_X, DEVICE_TOP = 112, 12


def _sit_up(svg: Svg) -> None:
    bed(svg, 4, 104)
    person(svg, Pose(head=(58, 16), spine=[(52, 70), (56, 32)],
                     arms=[[(56, 36), (70, 54), (88, 50)], [(56, 36), (66, 56), (82, 56)]],
                     legs=[[(52, 70), (86, 72), (88, 114)], [(52, 70), (82, 74), (80, 114)]]))
    svg.arrow(24, 96, 24, 34, width=4, head=13)
    spirometer_small(svg, 90, 10)


def spirometer_small(svg: Svg, x: float, top: float) -> None:
    """The device alone, small: held upright."""
    svg.rect(x, top, 22, 54, rx=4, fill=PALE, stroke=DARK, stroke_width=2)
    svg.rect(x + 3, top + 42, 16, 7, rx=2, fill=BLUE)
    svg.rect(x - 3, top + 54, 28, 6, rx=2, fill=GREY)


def _face(svg: Svg, level: float, connected: bool) -> tuple[float, float]:
    mouth = head_profile(svg, 50, 42)
    spirometer(svg, DEVICE_X, DEVICE_TOP, level, connected=connected, mouth=mouth)
    return mouth


def _breathe_out(svg: Svg) -> None:
    mouth = _face(svg, 0, connected=False)
    breath(svg, mouth[0] + 6, mouth[1], out=True)


def _mouthpiece(svg: Svg) -> None:
    _face(svg, 0, connected=True)


def _breathe_in(svg: Svg) -> None:
    _face(svg, 0.72, connected=True)
    svg.arrow(DEVICE_X - 14, DEVICE_TOP + 72, DEVICE_X - 14, DEVICE_TOP + 20, width=3.5, head=11)


def _hold(svg: Svg) -> None:
    _face(svg, 0.72, connected=True)
    clock(svg, 94, 16, 13)


def _rest(svg: Svg) -> None:
    mouth = _face(svg, 0.1, connected=False)
    breath(svg, mouth[0] + 6, mouth[1], out=True)


SPIROMETER_STEPS = (_sit_up, _breathe_out, _mouthpiece, _breathe_in, _hold, _rest)


def _ten_an_hour(svg: Svg) -> None:
    clock(svg, 0, 0, 19)


def incentive_spirometer(sketch) -> Svg:
    words = sketch.words
    steps = lay_out([Step(draw, words(f"step_{n}"))
                     for n, draw in enumerate(SPIROMETER_STEPS, 1)])
    often = words("often")
    height = 12 + steps_height(steps) + banner_height(often) + 12
    svg = sketch.canvas(height, NARROW)
    y = draw_steps(svg, steps, 12)
    banner(svg, y, often, _ten_an_hour)
    return svg


# -- log-roll ------------------------------------------------------------------------------------
def _knees_bent(svg: Svg) -> None:
    bed(svg)
    pillow(svg, 22, 68)
    person(svg, Pose(head=(22, 56), spine=[(34, 66), (84, 66)],
                     arms=[[(38, 66), (56, 70), (72, 70)]],
                     legs=[[(84, 66), (106, 40), (126, 66)]]))
    svg.arrow(128, 28, 112, 40, width=3, head=10)


def _roll(svg: Svg) -> None:
    bed(svg)
    pillow(svg, 22, 68)
    person(svg, Pose(head=(24, 54), spine=[(36, 62), (86, 62)],
                     arms=[[(42, 62), (56, 70), (70, 72)]],
                     legs=[[(86, 62), (106, 72), (126, 70)], [(86, 62), (108, 64), (128, 62)]]))
    svg.line(30, 44, 96, 44, stroke=BLACK, stroke_width=2.5, stroke_dasharray="6 4")
    curved_arrow(svg, (50, 20), (70, 2), (92, 22), width=3.5)


def _legs_over(svg: Svg) -> None:
    bed(svg)
    pillow(svg, 22, 68)
    person(svg, Pose(head=(50, 36), spine=[(90, 68), (60, 46)],
                     arms=[[(62, 48), (50, 62), (44, 72)], [(62, 48), (60, 64), (56, 72)]],
                     legs=[[(90, 68), (108, 76), (110, 112)], [(90, 68), (102, 78), (100, 112)]]))
    svg.arrow(30, 62, 30, 28, width=3.5, head=11)
    svg.arrow(128, 66, 128, 102, width=3.5, head=11)


def _sitting(svg: Svg) -> None:
    bed(svg)
    pillow(svg, 22, 68)
    person(svg, Pose(head=(82, 14), spine=[(80, 68), (80, 30)],
                     arms=[[(80, 34), (70, 52), (64, 72)], [(80, 34), (90, 52), (96, 72)]],
                     legs=[[(80, 68), (108, 72), (110, 114)], [(80, 68), (102, 74), (100, 114)]]))


LOG_ROLL_STEPS = (_knees_bent, _roll, _legs_over, _sitting)


def _no_twist(svg: Svg) -> None:
    person(svg, Pose(head=(0, -20), head_r=6, spine=[(0, -12), (0, 8)],
                     legs=[[(0, 8), (-3, 24)], [(0, 8), (3, 24)]]))
    curved_arrow(svg, (-16, 2), (0, 12), (16, 2), width=3, head=8)
    cross_mark(svg, 15, -16, 10)


def log_roll(sketch) -> Svg:
    words = sketch.words
    steps = lay_out([Step(draw, words(f"step_{n}")) for n, draw in enumerate(LOG_ROLL_STEPS, 1)])
    tip, back = words("straight"), words("lie_down")
    back_lines = wrap(back, NARROW - 2 * MARGIN - 10, BODY)
    height = (12 + steps_height(steps) + banner_height(tip) + 16
              + len(back_lines) * BODY * LINE_HEIGHT + 12)
    svg = sketch.canvas(height, NARROW)
    y = draw_steps(svg, steps, 12)
    y = banner(svg, y, tip, _no_twist)
    svg.text(MARGIN + 4, y + 16 + BODY * 0.8, back_lines, size=BODY)
    return svg


# -- safe-lifting ----------------------------------------------------------------------------------
PANEL_W, PANEL_H = 204, 236
FLOOR = 196


def _box(svg: Svg, x: float, y: float, w: float, h: float) -> None:
    svg.region("box", BONE, "box with a black edge and a tape line")
    svg.rect(x, y, w, h, rx=3, fill=BONE, stroke=BLACK, stroke_width=2.5)
    svg.line(x + w / 2, y, x + w / 2, y + h, stroke=DARK, stroke_width=2)


def _lift_yes(svg: Svg) -> None:
    _box(svg, 92, 150, 46, 44)
    person(svg, Pose(head=(96, 86), head_r=14, spine=[(54, 160), (82, 106)],
                     arms=[[(82, 112), (96, 138), (104, 164)], [(82, 112), (90, 140), (96, 164)]],
                     legs=[[(54, 160), (108, 148), (84, 194)], [(54, 160), (100, 154), (72, 194)]]))
    svg.line(10, FLOOR, PANEL_W - 10, FLOOR, stroke=DARK, stroke_width=2)


def _lift_no(svg: Svg) -> None:
    person(svg, Pose(head=(150, 116), head_r=14, spine=[(62, 122), (92, 86), (132, 102)],
                     arms=[[(130, 104), (140, 140), (150, 168)]],
                     legs=[[(62, 122), (64, 160), (60, 194)], [(62, 122), (56, 160), (50, 194)]]))
    _box(svg, 134, 166, 56, 29)
    svg.line(10, FLOOR, PANEL_W - 10, FLOOR, stroke=DARK, stroke_width=2)


def _panel(svg: Svg, x: float, y: float, draw, mark, label: str) -> None:
    svg.rect(x, y, PANEL_W, PANEL_H, rx=10, fill=WHITE, stroke=GREY, stroke_width=2)
    with svg.group(transform=f"translate({num(x)} {num(y + 8)})"):
        draw(svg)
    mark(svg, x + 26, y + 28)
    svg.text(x + 50, y + 35, label, size=BODY + 2, bold=True)


def _rule_lines(text: str) -> list[str]:
    return wrap(text, NARROW - 2 * MARGIN - 48, BODY)


def safe_lifting(sketch) -> Svg:
    words = sketch.words
    captions = [wrap(words(k), PANEL_W - 16, BODY) for k in ("yes_text", "no_text")]
    caption_h = max(len(c) for c in captions) * BODY * LINE_HEIGHT
    rules = [_rule_lines(words(f"rule_{n}")) for n in (1, 2, 3)]
    rules_h = sum(len(r) * BODY * LINE_HEIGHT + 14 for r in rules)
    heavy = wrap(words("too_heavy"), NARROW - 2 * MARGIN - 96, BODY)
    heavy_title = words("too_heavy_title")
    heavy_h = max(120, len(heavy) * BODY * LINE_HEIGHT + 58)
    top = 12
    rules_top = top + PANEL_H + caption_h + 24
    heavy_top = rules_top + rules_h + 8
    svg = sketch.canvas(heavy_top + heavy_h + 12, NARROW)

    for k, (draw, mark, key) in enumerate(((_lift_yes, check_mark, "yes"),
                                           (_lift_no, cross_mark, "no"))):
        x = MARGIN + k * (PANEL_W + 12)
        _panel(svg, x, top, draw, mark, words(key))
        svg.text(x + 8, top + PANEL_H + 4 + BODY, captions[k], size=BODY)

    y = rules_top
    for lines in rules:
        check_mark(svg, MARGIN + 16, y + BODY * 0.5, 12)
        last = svg.text(MARGIN + 40, y + BODY * 0.85, lines, size=BODY)
        y = last + BODY * 0.45 + 14

    svg.region("limit", PALE, "box with a thick black edge and a jug")
    svg.rect(MARGIN, heavy_top, NARROW - 2 * MARGIN, heavy_h, rx=10, fill=PALE, stroke=BLACK,
             stroke_width=3)
    jug(svg, MARGIN + 22, heavy_top + (heavy_h - 84) / 2 + 6)
    svg.text(MARGIN + 90, heavy_top + 30, heavy_title, size=BODY + 1, bold=True, on=PALE)
    svg.text(MARGIN + 90, heavy_top + 58, heavy, size=BODY, on=PALE)
    return svg
