"""The warning-signs card (``warning-signs``): "call your care team" above, "call emergency
services" below, told apart by an icon, a border style and a background, not by colour alone.

Its words come from the course file (``warning_signs`` in course.yml), so the card and the
lessons always list the same signs. Text missing in a language falls back to English and is
marked ``lang="en"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..course import load_course
from ..text import DEFAULT_LANGUAGE, HTML_LANG
from .svg import BLACK, BLUE, LINE_HEIGHT, PALE, VERMILLION, WHITE, YELLOW, Svg, wrap

MARGIN, INSET, INDENT = 16, 24, 40
TITLE, HEADING, ITEM, SOURCE = 24, 20, 18, 14


@dataclass(frozen=True)
class Part:
    heading: str
    items: list[str]
    lang: str | None                       # set when the words fell back to English
    icon: Callable[[Svg, float, float], None]
    bullet: Callable[[Svg, float, float], None]
    border: Callable[[Svg, float, float, float, float], None]
    background: str


def _words(text: dict, lang: str):
    """The text in ``lang`` (or English), and the lang attribute to set if it fell back."""
    if text.get(lang):
        return text[lang], None
    return text[DEFAULT_LANGUAGE], HTML_LANG[DEFAULT_LANGUAGE]


# -- the marks that set the two parts apart ------------------------------------------------------
def _phone(svg: Svg, x: float, y: float) -> None:
    """A telephone handset in a blue disc."""
    svg.circle(x, y, 19, fill=BLUE)
    svg.path(f"M{x - 9},{y - 8} Q{x - 9},{y + 9} {x + 8},{y + 9}", fill="none", stroke=WHITE,
             stroke_width=5, stroke_linecap="round")
    for dx, dy in ((-9, -8), (8, 9)):
        svg.circle(x + dx, y + dy, 4.5, fill=WHITE)


def _triangle(svg: Svg, x: float, y: float) -> None:
    """A warning triangle with an exclamation mark drawn as shapes."""
    svg.polygon([(x, y - 20), (x + 22, y + 17), (x - 22, y + 17)], fill=YELLOW, stroke=BLACK,
                stroke_width=3, stroke_linejoin="round")
    svg.rect(x - 2.5, y - 8, 5, 14, rx=2, fill=BLACK)
    svg.circle(x, y + 11, 3, fill=BLACK)


def _dot(svg: Svg, x: float, y: float) -> None:
    svg.circle(x, y, 6, fill=BLUE)


def _small_triangle(svg: Svg, x: float, y: float) -> None:
    svg.polygon([(x, y - 7), (x + 7, y + 6), (x - 7, y + 6)], fill=VERMILLION, stroke=BLACK,
                stroke_width=1.5)


def _thick_border(svg: Svg, x: float, y: float, w: float, h: float) -> None:
    svg.rect(x, y, w, h, rx=12, fill=WHITE, stroke=BLUE, stroke_width=5)


def _double_border(svg: Svg, x: float, y: float, w: float, h: float) -> None:
    svg.rect(x, y, w, h, rx=12, fill=PALE, stroke=VERMILLION, stroke_width=3)
    svg.rect(x + 7, y + 7, w - 14, h - 14, rx=8, fill="none", stroke=VERMILLION, stroke_width=3)


# -- the card ---------------------------------------------------------------------------------------
CARD_W = 800 - 2 * MARGIN
HEAD_X = MARGIN + INSET + INDENT + 12          # where headings and items start
ITEM_X = HEAD_X + 24
RIGHT = MARGIN + CARD_W - INSET                # where they must end


@dataclass(frozen=True)
class Laid:
    """A part with its words wrapped to the card, and its height."""

    part: Part
    heading: list[str]
    items: list[list[str]]

    @classmethod
    def out(cls, part: Part) -> "Laid":
        return cls(part, wrap(part.heading, RIGHT - HEAD_X, HEADING, bold=True),
                   [wrap(item, RIGHT - ITEM_X, ITEM) for item in part.items])

    @property
    def height(self) -> float:
        items = sum(len(lines) * ITEM * LINE_HEIGHT + 8 for lines in self.items)
        return 30 + len(self.heading) * HEADING * LINE_HEIGHT + 10 + items + 16


def _draw(svg: Svg, laid: Laid, y: float) -> None:
    """One part of the card with its top at ``y``."""
    part = laid.part
    part.border(svg, MARGIN, y, CARD_W, laid.height)
    part.icon(svg, MARGIN + INSET + 18, y + 26 + HEADING * LINE_HEIGHT / 2)
    last = svg.text(HEAD_X, y + 30 + HEADING * 0.8, laid.heading, size=HEADING, bold=True,
                    on=part.background, lang=part.lang)
    baseline = last + HEADING * LINE_HEIGHT + 10
    for lines in laid.items:
        part.bullet(svg, ITEM_X - 16, baseline - ITEM * 0.35)
        last = svg.text(ITEM_X, baseline, lines, size=ITEM, on=part.background,
                        lang=part.lang)
        baseline = last + ITEM * LINE_HEIGHT + 8


def _parts(signs, lang: str) -> list[Part]:
    parts = []
    for heading, items, care in ((signs.care_team_heading, signs.care_team, True),
                                 (signs.emergency_heading, signs.emergency, False)):
        words, fell_back = _words(heading, lang)
        listed, listed_fell_back = _words(items, lang)
        parts.append(Part(words, listed, fell_back or listed_fell_back,
                          _phone if care else _triangle, _dot if care else _small_triangle,
                          _thick_border if care else _double_border, WHITE if care else PALE))
    return parts


def warning_signs(sketch) -> Svg:
    signs, lang = load_course().warning_signs, sketch.lang
    title, title_lang = _words(signs.title, lang)
    source, source_lang = _words(signs.source, lang)
    title_lines = wrap(title, CARD_W, TITLE, bold=True)
    source_lines = wrap(source, CARD_W, SOURCE)
    laid = [Laid.out(part) for part in _parts(signs, lang)]
    top = 20 + len(title_lines) * TITLE * LINE_HEIGHT
    svg = sketch.canvas(top + sum(p.height + 20 for p in laid) + 12
                        + len(source_lines) * SOURCE * LINE_HEIGHT + 8)

    svg.text(MARGIN, 14 + TITLE, title_lines, size=TITLE, bold=True, lang=title_lang)
    y = top
    for part in laid:
        _draw(svg, part, y)
        y += part.height + 20
    svg.text(MARGIN, y + 6, source_lines, size=SOURCE, lang=source_lang)
    svg.region("care team part", WHITE, "thick single border, phone icon, round bullets")
    svg.region("emergency part", PALE, "double border, warning triangle, triangle bullets")
    return svg
