"""The stoplight action plan (``stoplight``): green (expected, keep up your home care), yellow
(call your care team today) and red (call emergency services now), top to bottom.

Every word comes from ``stoplight`` in course.yml, with the emergency number and the care
team's phone filled in from ``local`` (``course().fill``), so the picture, the lessons' box and
the printed card always agree. Colour is never the only cue: each zone has its own shape (a
disc with a tick, a warning triangle, a stop sign), its heading word, its bullet shape and its
border (thin, thick, double). Text missing in a language falls back to English and is marked
``lang="en"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..course import course
from ..text import DEFAULT_LANGUAGE, HTML_LANG
from .figures import MARGIN, NARROW
from .svg import (BLACK, GREEN, LINE_HEIGHT, PALE, VERMILLION, WHITE, YELLOW, Svg, is_wide, num,
                  wrap)

TITLE, HEADING, ACTION, SIGN, SOURCE = 23, 21, 19, 19, 15
BAND = 58                                   # the zone's coloured heading band (at least)
ICON_X = MARGIN + 30
HEAD_X = MARGIN + 58
SIGN_X = MARGIN + 40
RIGHT = NARROW - MARGIN - 14


def _in(text: dict, lang: str) -> tuple[str, str | None]:
    """The text in ``lang`` (or English) with the local numbers filled in, and the lang
    attribute to set if it fell back to English."""
    c = course()
    if text.get(lang):
        return c.fill(text[lang], lang), None
    return c.fill(text[DEFAULT_LANGUAGE], DEFAULT_LANGUAGE), HTML_LANG[DEFAULT_LANGUAGE]


# -- the marks of each zone ---------------------------------------------------------------------------
def _tick_disc(svg: Svg, x: float, y: float, r: float = 19) -> None:
    svg.circle(x, y, r, fill=WHITE, stroke=BLACK, stroke_width=3)
    s = r / 19
    svg.polyline([(x - 9 * s, y + 1 * s), (x - 2 * s, y + 8 * s), (x + 10 * s, y - 8 * s)],
                 fill="none", stroke=BLACK, stroke_width=5 * s, stroke_linecap="round",
                 stroke_linejoin="round")


def _warning_triangle(svg: Svg, x: float, y: float, r: float = 19) -> None:
    s = r / 19
    svg.polygon([(x, y - 21 * s), (x + 23 * s, y + 18 * s), (x - 23 * s, y + 18 * s)],
                fill=WHITE, stroke=BLACK, stroke_width=3, stroke_linejoin="round")
    svg.rect(x - 2.5 * s, y - 8 * s, 5 * s, 14 * s, rx=2, fill=BLACK)
    svg.circle(x, y + 11 * s, 3 * s, fill=BLACK)


def _octagon(x: float, y: float, r: float) -> list[tuple[float, float]]:
    import math

    return [(x + r * math.cos(math.radians(22.5 + 45 * k)),
             y + r * math.sin(math.radians(22.5 + 45 * k))) for k in range(8)]


def _stop_sign(svg: Svg, x: float, y: float, r: float = 21) -> None:
    s = r / 21
    svg.polygon(_octagon(x, y, r), fill=WHITE, stroke=BLACK, stroke_width=3,
                stroke_linejoin="round")
    svg.rect(x - 3 * s, y - 12 * s, 6 * s, 16 * s, rx=2, fill=BLACK)
    svg.circle(x, y + 10 * s, 3.5 * s, fill=BLACK)


def _disc_bullet(svg: Svg, x: float, y: float) -> None:
    svg.circle(x, y, 6.5, fill=GREEN, stroke=BLACK, stroke_width=1.5)


def _triangle_bullet(svg: Svg, x: float, y: float) -> None:
    svg.polygon([(x, y - 8), (x + 8, y + 6), (x - 8, y + 6)], fill=YELLOW, stroke=BLACK,
                stroke_width=1.5, stroke_linejoin="round")


def _square_bullet(svg: Svg, x: float, y: float) -> None:
    svg.rect(x - 7, y - 7, 14, 14, fill=VERMILLION, stroke=BLACK, stroke_width=1.5)


def _thin_border(svg: Svg, x, y, w, h) -> None:
    svg.rect(x, y, w, h, rx=12, fill=WHITE, stroke=BLACK, stroke_width=2)


def _thick_border(svg: Svg, x, y, w, h) -> None:
    svg.rect(x, y, w, h, rx=12, fill=WHITE, stroke=BLACK, stroke_width=5)


def _double_border(svg: Svg, x, y, w, h) -> None:
    svg.rect(x, y, w, h, rx=12, fill=PALE, stroke=BLACK, stroke_width=3)
    svg.rect(x + 6, y + 6, w - 12, h - 12, rx=8, fill="none", stroke=BLACK, stroke_width=2)


@dataclass(frozen=True)
class Look:
    colour: str
    icon: Callable
    bullet: Callable
    border: Callable
    background: str
    cue: str


LOOKS = {
    "green": Look(GREEN, _tick_disc, _disc_bullet, _thin_border, WHITE,
                  "tick in a disc, round bullets, thin border"),
    "yellow": Look(YELLOW, _warning_triangle, _triangle_bullet, _thick_border, WHITE,
                   "warning triangle, triangle bullets, thick border"),
    "red": Look(VERMILLION, _stop_sign, _square_bullet, _double_border, PALE,
                "stop sign, square bullets, double border"),
}


def _lines(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Wrapped lines; in Chinese, a last line of one or two characters takes one more from the
    line above, so no word is left alone (血 / 栓）becomes 血栓）)."""
    lines = wrap(text, width, size, bold)
    if (len(lines) >= 2 and len(lines[-1]) <= 2 and all(is_wide(c) for c in lines[-1])
            and len(lines[-2]) > 4 and is_wide(lines[-2][-1])):
        lines[-2], lines[-1] = lines[-2][:-1], lines[-2][-1] + lines[-1]
    return lines


# -- laying out a zone -------------------------------------------------------------------------------
@dataclass
class Laid:
    id: str
    heading: list[str]
    action: list[str]
    signs: list[list[str]]
    langs: dict[str, str | None]             # heading / action -> lang attribute if English
    sign_langs: list[str | None]

    @property
    def band(self) -> float:
        return max(BAND, len(self.heading) * HEADING * LINE_HEIGHT + 24)

    @property
    def height(self) -> float:
        signs = sum(len(lines) * SIGN * LINE_HEIGHT + 10 for lines in self.signs)
        return self.band + 16 + len(self.action) * ACTION * LINE_HEIGHT + 14 + signs + 14


def _lay_out(zone, lang: str) -> Laid:
    heading, heading_lang = _in(zone.heading, lang)
    action, action_lang = _in(zone.action, lang)
    signs = [_in(sign.text, lang) for sign in zone.signs]
    return Laid(zone.id, _lines(heading, RIGHT - HEAD_X, HEADING, bold=True),
                _lines(action, RIGHT - MARGIN - 16, ACTION, bold=True),
                [_lines(text, RIGHT - SIGN_X - 4, SIGN) for text, _ in signs],
                {"heading": heading_lang, "action": action_lang},
                [fell for _, fell in signs])


def _draw(svg: Svg, laid: Laid, y: float) -> None:
    look = LOOKS[laid.id]
    x, w = MARGIN, NARROW - 2 * MARGIN
    svg.region(f"{laid.id} zone", look.colour, look.cue)
    with svg.group(id=f"{svg.ident}-{laid.id}"):
        look.border(svg, x, y, w, laid.height)
        band = laid.band
        svg.path(f"M{num(x + 12)},{num(y)} H{num(x + w - 12)} Q{num(x + w)},{num(y)} "
                 f"{num(x + w)},{num(y + 12)} V{num(y + band)} H{num(x)} V{num(y + 12)} "
                 f"Q{num(x)},{num(y)} {num(x + 12)},{num(y)} Z",
                 fill=look.colour, stroke=BLACK, stroke_width=2)
        look.icon(svg, ICON_X, y + band / 2)
        first = y + band / 2 - (len(laid.heading) - 1) * HEADING * LINE_HEIGHT / 2 + HEADING * 0.36
        svg.text(HEAD_X, first, laid.heading, size=HEADING, bold=True, on=look.colour,
                 lang=laid.langs["heading"])
        base = y + band + 16 + ACTION * 0.8
        last = svg.text(MARGIN + 16, base, laid.action, size=ACTION, bold=True,
                        on=look.background, lang=laid.langs["action"])
        base = last + ACTION * LINE_HEIGHT + 14
        for lines, sign_lang in zip(laid.signs, laid.sign_langs):
            look.bullet(svg, SIGN_X - 16, base - SIGN * 0.33)
            last = svg.text(SIGN_X, base, lines, size=SIGN, on=look.background, lang=sign_lang)
            base = last + SIGN * LINE_HEIGHT + 10


def stoplight(sketch) -> Svg:
    plan, lang = course().stoplight, sketch.lang
    title, title_lang = _in(plan.title, lang)
    source, source_lang = _in(plan.source, lang)
    title_lines = wrap(title, NARROW - 2 * MARGIN, TITLE, bold=True)
    source_lines = wrap(source, NARROW - 2 * MARGIN, SOURCE)
    zones = [_lay_out(zone, lang) for zone in plan.zones]
    top = 14 + len(title_lines) * TITLE * LINE_HEIGHT + 6
    svg = sketch.canvas(top + sum(z.height + 16 for z in zones)
                        + len(source_lines) * SOURCE * LINE_HEIGHT + 12, NARROW)

    svg.text(MARGIN, 12 + TITLE, title_lines, size=TITLE, bold=True, lang=title_lang)
    y = top
    for zone in zones:
        _draw(svg, zone, y)
        y += zone.height + 16
    svg.text(MARGIN, y + SOURCE, source_lines, size=SOURCE, lang=source_lang)
    return svg
