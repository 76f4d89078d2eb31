"""A tiny SVG writer: one element a line, numbers rounded, words measured and wrapped.

Nothing here is random or time-dependent, so the same drawing gives the same bytes every run.
"""

from __future__ import annotations

import math
import re
import unicodedata
from contextlib import contextmanager
from xml.sax.saxutils import escape

# Okabe-Ito colours, plus white and the neutral greys the diagrams use.
ORANGE, SKY, GREEN, YELLOW = "#E69F00", "#56B4E9", "#009E73", "#F0E442"
BLUE, VERMILLION, PURPLE, BLACK = "#0072B2", "#D55E00", "#CC79A7", "#000000"
WHITE, PALE, BONE, GREY, DARK = "#FFFFFF", "#F2F2F2", "#E0E0E0", "#9E9E9E", "#595959"
PALETTE = frozenset({ORANGE, SKY, GREEN, YELLOW, BLUE, VERMILLION, PURPLE, BLACK})

FONT_STACK = ('"Noto Sans", "Segoe UI", Arial, "Noto Sans CJK SC", "Microsoft YaHei", '
              '"PingFang SC", sans-serif')
WIDTH = 800             # every diagram is drawn for about 800 px across
LINE_HEIGHT = 1.3       # line spacing, in ems


def allowed_colour(value: str) -> bool:
    """Okabe-Ito, white, a neutral grey (#rrggbb with r = g = b), or none."""
    value = value.strip()
    if value == "none" or value.upper() in PALETTE:
        return True
    match = re.fullmatch(r"#([0-9A-Fa-f]{2})\1\1", value)
    return bool(match)


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a #rrggbb colour."""
    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# -- numbers and attributes --------------------------------------------------------------------
def num(value: float) -> str:
    value = round(float(value), 1)
    if value == int(value):
        return str(int(value))
    return f"{value:.1f}"


def points(*xy: tuple[float, float]) -> str:
    return " ".join(f"{num(x)},{num(y)}" for x, y in xy)


def _attrs(attrs: dict) -> str:
    out = []
    for key, value in attrs.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        if isinstance(value, (int, float)):
            value = num(value)
        value = str(value)
        if '"' in value and "'" not in value:
            out.append(f"{name}='{escape(value)}'")
        else:
            out.append(f'{name}="{escape(value, {chr(34): "&quot;"})}"')
    return (" " + " ".join(out)) if out else ""


# -- measuring and wrapping words -------------------------------------------------------------
# Advance widths in ems (Arial / Liberation Sans), widened a little for Noto Sans.
_NARROW = dict.fromkeys("ijl'|!.,:;", 0.25) | dict.fromkeys("ftrI()[]-/ ", 0.33)
_WIDE = dict.fromkeys("mwMW", 0.88) | dict.fromkeys("ABCDGHKNOQRUVXY&", 0.72)
_SAFETY = 1.08
_BOLD = 1.07


def is_wide(char: str) -> bool:
    """A CJK ideograph, kana, or full-width sign: about one em across."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def text_width(text: str, size: float, bold: bool = False) -> float:
    ems = 0.0
    for char in text:
        if is_wide(char):
            ems += 1.0 / _SAFETY        # CJK glyphs are exactly one em
        else:
            ems += _NARROW.get(char) or _WIDE.get(char) or (0.62 if char.isupper() else 0.55)
    return ems * size * _SAFETY * (_BOLD if bold else 1.0)


BREAK = "|"     # in labels.yml, marks where a Chinese label may break: "放入细小器械、|微型摄像头"
_NO_LINE_START = set("，。、；：？！）》」』”’,.;:?!)%")
_NO_LINE_END = set("（《「『“‘(")


def _clings(before: str, piece: str) -> bool:
    """Whether ``piece`` must stay on the same line as the text ``before`` it."""
    if piece.isspace() or before[-1].isspace():
        return False
    if piece in _NO_LINE_START or before[-1] in _NO_LINE_END:
        return True
    if is_wide(piece):              # "X光", "3天": a character stays with a Latin word before it
        return before[-1].isascii() and before[-1].isalnum()
    return not is_wide(before[-1])  # Latin letters and digits join into words


def _tokens(text: str) -> list[str]:
    """Spaces and unbreakable pieces: a word, a wide character, a number with its unit."""
    tokens: list[str] = []
    for piece in re.findall(r"\s+|[^\s]", text):
        if tokens and _clings(tokens[-1], piece):
            tokens[-1] += piece
        else:
            tokens.append(piece)
    return tokens


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Break ``text`` into lines no wider than ``width``.

    English breaks at spaces. Chinese breaks between characters, or only at the ``|`` marks
    when the text has them (a piece too wide for a line still breaks between characters).
    """
    if BREAK in text:
        lines = []
        for piece in text.split(BREAK):
            joined = (lines[-1] + piece) if lines else piece
            if lines and text_width(joined, size, bold) <= width:
                lines[-1] = joined
            else:
                lines += wrap(piece, width, size, bold)
        return lines
    lines, line = [], ""
    for token in _tokens(text):
        if token.isspace():
            line += " " if line else ""
        elif line and text_width(line + token, size, bold) > width:
            lines.append(line.rstrip())
            line = token
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


# -- the drawing ------------------------------------------------------------------------------
class Svg:
    """Collects elements, then writes one accessible SVG document.

    ``text_pairs`` records (text colour, background colour) for every piece of text, and
    ``regions`` the meaningful areas (name, fill, the non-colour cue that sets them apart),
    so tests can check contrast and greyscale reading.
    """

    def __init__(self, ident: str, height: float, width: float = WIDTH):
        self.ident, self.width, self.height = ident, math.ceil(width), math.ceil(height)
        self._defs: list[str] = []
        self._body: list[str] = []
        self._depth = 1
        self.text_pairs: list[tuple[str, str]] = []
        self.regions: list[tuple[str, str, str]] = []
        self.marks: dict[str, tuple[float, float]] = {}     # named points, for tests
        self.rect(0, 0, self.width, self.height, fill=WHITE)

    # elements
    def element(self, tag: str, content: str | None = None, **attrs) -> None:
        pad = "  " * self._depth
        if content is None:
            self._body.append(f"{pad}<{tag}{_attrs(attrs)}/>")
        else:
            self._body.append(f"{pad}<{tag}{_attrs(attrs)}>{content}</{tag}>")

    @contextmanager
    def group(self, **attrs):
        self._body.append(f"{'  ' * self._depth}<g{_attrs(attrs)}>")
        self._depth += 1
        try:
            yield self
        finally:
            self._depth -= 1
            self._body.append(f"{'  ' * self._depth}</g>")

    def rect(self, x, y, w, h, **attrs) -> None:
        self.element("rect", x=x, y=y, width=w, height=h, **attrs)

    def circle(self, cx, cy, r, **attrs) -> None:
        self.element("circle", cx=cx, cy=cy, r=r, **attrs)

    def ellipse(self, cx, cy, rx, ry, **attrs) -> None:
        self.element("ellipse", cx=cx, cy=cy, rx=rx, ry=ry, **attrs)

    def line(self, x1, y1, x2, y2, **attrs) -> None:
        self.element("line", x1=x1, y1=y1, x2=x2, y2=y2, **attrs)

    def path(self, d: str, **attrs) -> None:
        self.element("path", d=d, **attrs)

    def polyline(self, xy, **attrs) -> None:
        self.element("polyline", points=points(*xy), **attrs)

    def polygon(self, xy, **attrs) -> None:
        self.element("polygon", points=points(*xy), **attrs)

    def arrow(self, x1, y1, x2, y2, colour=BLACK, width=3, head=12) -> None:
        """A straight arrow from (x1, y1) to a filled head at (x2, y2)."""
        angle = math.atan2(y2 - y1, x2 - x1)
        back = (x2 - head * math.cos(angle), y2 - head * math.sin(angle))
        side = (head * 0.5 * math.sin(angle), -head * 0.5 * math.cos(angle))
        self.line(x1, y1, *back, stroke=colour, stroke_width=width)
        self.polygon([(x2, y2), (back[0] + side[0], back[1] + side[1]),
                      (back[0] - side[0], back[1] - side[1])], fill=colour)

    def pattern(self, key: str, size: float, background: str, strokes: str, colour: str,
                width: float = 1.5, angle: float = 0) -> str:
        """Register a stripe pattern (once per key); returns ``url(#id)`` for a fill."""
        ident = f"{self.ident}-{key}"
        if any(f'id="{ident}"' in d for d in self._defs):
            return f"url(#{ident})"
        self._defs.append(
            f'    <pattern id="{ident}" patternUnits="userSpaceOnUse" width="{num(size)}" '
            f'height="{num(size)}" patternTransform="rotate({num(angle)})">\n'
            f'      <rect width="{num(size)}" height="{num(size)}" fill="{background}"/>\n'
            f'      <path d="{strokes}" stroke="{colour}" stroke-width="{num(width)}" fill="none"/>\n'
            f"    </pattern>")
        return f"url(#{ident})"

    def region(self, name: str, fill: str, cue: str) -> str:
        """Declare a meaningful area: its fill colour and the non-colour cue that marks it."""
        if (name, fill, cue) not in self.regions:
            self.regions.append((name, fill, cue))
        return fill

    # words
    def text(self, x, y, lines, size=16, bold=False, anchor="start", fill=BLACK, on=WHITE,
             lang: str | None = None, italic=False) -> float:
        """Write one or more lines; ``y`` is the first baseline. Returns the last baseline."""
        lines = [lines] if isinstance(lines, str) else list(lines)
        self.text_pairs.append((fill, on))
        step = size * LINE_HEIGHT
        spans = "".join(f'<tspan x="{num(x)}" y="{num(y + i * step)}">{escape(line)}</tspan>'
                        for i, line in enumerate(lines))
        self.element("text", spans, font_size=size, font_weight="bold" if bold else None,
                     font_style="italic" if italic else None, text_anchor=anchor,
                     fill=fill, lang=lang)
        return y + (len(lines) - 1) * step

    def paragraph(self, x, y, text, width, size=16, bold=False, **kw) -> float:
        """Wrap ``text`` to ``width`` and write it; returns the last baseline."""
        return self.text(x, y, wrap(text, width, size, bold), size=size, bold=bold, **kw)

    def callout(self, text, x, y, target, anchor="start", width=200, size=16, bold=False,
                on=WHITE) -> float:
        """A label at (x, first baseline y) with a leader line to ``target`` ending in a dot.

        The leader leaves the label's side facing the target (or its bottom or top when the
        target is straight below or above). Returns the last baseline.
        """
        lines = wrap(text, width, size, bold)
        last = self.text(x, y, lines, size=size, bold=bold, anchor=anchor, on=on)
        widest = max(text_width(line, size, bold) for line in lines)
        left = {"start": x, "middle": x - widest / 2, "end": x - widest}[anchor]
        right = left + widest
        if target[0] > right:
            start = (right + 6, (y + last) / 2 - size * 0.35)
        elif target[0] < left:
            start = (left - 6, (y + last) / 2 - size * 0.35)
        elif target[1] > last:
            start = (target[0], last + size * 0.45)
        else:
            start = (target[0], y - size * 1.05)
        self.line(*start, *target, stroke=BLACK, stroke_width=1.5)
        self.circle(*target, 4, fill=BLACK, stroke=WHITE, stroke_width=1.5)
        return last

    # the document
    def document(self, title: str, desc: str, lang: str, source: str | None = None) -> str:
        t, d = f"{self.ident}-title", f"{self.ident}-desc"
        root = _attrs({
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {num(self.width)} {num(self.height)}",
            "width": self.width, "height": self.height,
            "role": "img", "aria-labelledby": f"{t} {d}", "lang": lang, "xml:lang": lang,
            "font-family": FONT_STACK, "style": "max-width: 100%; height: auto",
        })
        head = [f"<svg{root}>", f'  <title id="{t}">{escape(title)}</title>',
                f'  <desc id="{d}">{escape(desc)}</desc>']
        if source:
            head.append(f"  <metadata>{escape(source)}</metadata>")
        if self._defs:
            head += ["  <defs>", *self._defs, "  </defs>"]
        return "\n".join(head + self._body + ["</svg>"]) + "\n"
