"""Integrity of the course text: no spam, no outside links, alt text on images, no unsourced numbers.

The source page carried injected gambling spam and machine-translation slips; the spam check
reads every course source (notebook cells, outputs and metadata, quizzes, glossary, course file,
data files of the package, diagram SVGs) so such text cannot come back unnoticed.
"""

from __future__ import annotations

import base64
import json
import re
import unicodedata
from pathlib import Path
from typing import Iterator, NamedTuple
from urllib.parse import urlsplit

import yaml

from .. import paths
from ..quizzes import load_all
from ..sourcefile import read_yaml
from ..readability import CITATION, cell_tags, is_private, quiz_strings, read_notebook, to_plain
from .sources import Problems, all_notebooks, check, course_at, lesson_notebooks, rel

SPAM = (
    # gambling spam found in the source page, and its usual companions
    "网赌", "赌博", "博彩", "推荐十大", "正规网", "娱乐城", "彩票", "老虎机", "百家乐", "真人娱乐",
    "赌场", "赌球", "投注", "棋牌", "彩金", "开户送", "体育竞猜", "六合彩", "时时彩",
    "casino", "gambl", "betting", "sportsbook", "bet365", "jackpot", "slot machine", "poker",
    "roulette", "baccarat", "lottery",
    # machine-translation slips from the source page
    "得到椎板切除术",
)

ALLOWED_HOSTS = frozenset({
    "medlineplus.gov", "www.hopkinsmedicine.org", "www.ncbi.nlm.nih.gov", "pubmed.ncbi.nlm.nih.gov",
    "doi.org", "www.ahrq.gov", "www.nhs.uk", "www.aans.org", "orthoinfo.aaos.org", "www.spine.org",
    "www.nlm.nih.gov", "www.cdc.gov",
})

BRIEF_NUMBERS_FILE = paths.PACKAGE_DIR / "data" / "brief_numbers.yml"
# Sections of the content brief whose numbers are facts the course may state without a source.
BRIEF_FACT_SECTIONS = ("Facts the course must cover", "Beyond the page")


class Unit(NamedTuple):
    """One piece of a source file: where it is, its text, and how to read it."""
    where: str
    text: str
    kind: str  # "md" (markdown with inline HTML), "html", "data" (only searched for spam), "image"


def course_sources(root: Path) -> list[Path]:
    found = [root / "course.yml", root / "glossary.yml", *sorted((root / "quizzes").glob("*.yml")),
             *all_notebooks(root), *sorted((root / "assets").glob("**/*.svg")),
             *sorted((root / "misscourse").glob("**/*.yml"))]
    return [p for p in found if p.exists()]


def yaml_strings(data, where: str) -> Iterator[tuple[str, str]]:
    """(place, text) of every string in parsed YAML, the place written like 'questions[2].prompt.en'."""
    if isinstance(data, str):
        yield where, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from yaml_strings(value, f"{where}.{key}" if where else str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from yaml_strings(value, f"{where}[{i}]")


def units(path: Path, root: Path) -> Iterator[Unit]:
    name = rel(path, root)
    if path.suffix != ".ipynb":
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".svg":
            yield Unit(name, text, "html")
            return
        yield Unit(name, text, "data")  # comments too, for spam
        for place, value in yaml_strings(read_yaml(path), ""):
            yield Unit(f"{name}: {place}", value, "md")
        return
    nb = read_notebook(path)
    yield Unit(f"{name}: metadata", json.dumps(nb.metadata, ensure_ascii=False), "data")
    for i, cell in enumerate(nb.cells):
        where = f"{name}: cell {i}"
        yield Unit(where, cell.source, "md" if cell.cell_type == "markdown" else "data")
        for out in cell.get("outputs", []):
            for mime, value in {**out.get("data", {}), "stream": out.get("text", "")}.items():
                value = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                if mime.startswith("image/"):
                    yield Unit(f"{where} (output)", mime, "image")
                elif mime == "text/html":
                    yield Unit(f"{where} (output)", value, "html")
                elif value:
                    yield Unit(f"{where} (output)", value, "data")
            yield Unit(f"{where} (output)", json.dumps(out.get("metadata", {}), ensure_ascii=False), "data")


# -- spam ------------------------------------------------------------------------------------
_DATA_URI = re.compile(r"data:([\w/+.-]+)(;charset=[\w-]+)?;base64,([A-Za-z0-9+/=\s]+)")


def _decoded(match: re.Match) -> str:
    """A base64 data: URI's text (an embedded SVG, say); nothing for binary data, where letters
    can spell a spam word by chance."""
    if match.group(1).startswith(("image/svg", "text/")):
        return base64.b64decode(match.group(3)).decode("utf-8", "replace")
    return ""


_CJK = r"[\u3400-\u9fff\uf900-\ufaff]"
_CJK_GAP = re.compile(rf"(?<={_CJK})\s+(?={_CJK})")


def spam_text(text: str) -> str:
    """Text as the spam words are looked for in it: full-width letters as plain ones (NFKC),
    invisible format characters (zero-width spaces, ...) dropped, no space between two Chinese
    characters (Chinese needs none, so '网 赌' is '网赌'), case folded."""
    text = "".join(ch for ch in unicodedata.normalize("NFKC", text) if unicodedata.category(ch) != "Cf")
    return _CJK_GAP.sub("", text).casefold()


_SEPARATORS = re.compile(r"[\W_]+")


def spam_problems(unit: Unit) -> Problems:
    """Spam words in the text, and in the same text with every space and punctuation mark taken
    out, so that 'b e t t i n g' or '网·赌' is found too."""
    low = spam_text(_DATA_URI.sub(_decoded, unit.text))
    squeezed = _SEPARATORS.sub("", low)
    return [f"{unit.where}: spam or mistranslated text {w!r}" for w in SPAM
            if w.casefold() in low or _SEPARATORS.sub("", w.casefold()) in squeezed]


# -- links -----------------------------------------------------------------------------------
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_ATTR = re.compile(r"""(?<![\w-])(?:xlink:href|href|src|action|poster)\s*=\s*["']([^"']*)["']""", re.I)
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)""", re.I)
_BARE = re.compile(r"""https?://[^\s<>"'()\[\]]+""")


def links(unit: Unit) -> list[str]:
    found = _ATTR.findall(unit.text) + _CSS_URL.findall(unit.text)
    if unit.kind == "md":
        found += _MD_LINK.findall(unit.text) + [u.rstrip(".,;:!?") for u in _BARE.findall(unit.text)]
    return list(dict.fromkeys(u.strip() for u in found))


def link_problem(url: str) -> str | None:
    """Why a link is not allowed, or None: relative, internal, data: or an allowed host."""
    if not url or url.startswith(("#", "data:")):
        return None
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") or url.startswith("//"):
        host = (parts.hostname or "").lower()
        return None if host in ALLOWED_HOSTS else f"link to a host not on the allowlist ({host}): {url}"
    if parts.scheme:
        return f"link with scheme {parts.scheme!r} is not allowed: {url}"
    return None


def link_problems(unit: Unit) -> Problems:
    if unit.kind not in ("md", "html"):
        return []
    return [f"{unit.where}: {p}" for p in map(link_problem, links(unit)) if p]


# -- images ----------------------------------------------------------------------------------
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)]*)\)")
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ALT = re.compile(r"""\balt\s*=\s*(["'])(.*?)\1""", re.I | re.S)
_FIGURE = re.compile(r"<figure\b.*?</figure>", re.I | re.S)
_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.I | re.S)


def image_problems(unit: Unit) -> Problems:
    if unit.kind == "image":
        return [f"{unit.where}: an {unit.text} output has no alt text (show images with L.diagram)"]
    if unit.kind not in ("md", "html"):
        return []
    problems = []
    if unit.kind == "md":
        problems += [f"{unit.where}: image {src!r} has no alt text"
                     for alt, src in _MD_IMAGE.findall(unit.text) if not alt.strip()]
    for tag in _IMG.findall(unit.text):
        alt = _ALT.search(tag)
        if not alt or not alt.group(2).strip():
            problems.append(f"{unit.where}: <img> has no alt text: {tag[:80]}")
    for figure in _FIGURE.findall(unit.text):
        caption = _FIGCAPTION.search(figure)
        if not caption or not re.sub(r"<[^>]+>", "", caption.group(1)).strip():
            problems.append(f"{unit.where}: <figure> has no caption")
    return problems


# -- numbers ---------------------------------------------------------------------------------
NUMBER = re.compile(r"(?<![A-Za-z0-9_.#])\d+(?:[.,]\d+)*(?![A-Za-z0-9_])")
_ORDINAL = re.compile(
    r"\b(?:lessons?|steps?|parts?|questions?|sections?|items?|tips?)\s+\d+(?:\s*(?:,|and|or|to|-|\u2013)\s*\d+)*"
    r"|第\s*\d+\s*(?:课|步|部分|题|节|项|条|个)", re.I)
_MINUTES = re.compile(r"\bmin(?:ute)?s?\b|分钟", re.I)
_SENTENCE = re.compile(r"(?<!\bal\.)(?<!e\.g\.)(?<!i\.e\.)(?<!\bvs\.)(?<=[.!?])\s+|(?<=[。！？])|\n+")
_REF_ENTRY = re.compile(r"^\s*(?:\[(\d+)\]|(\d+)[.)]|[-*+])\s+(\S.*)")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def numbers_in(text: str) -> list[str]:
    return [n.replace(",", "") for n in NUMBER.findall(text)]


def brief_numbers(brief: str) -> list[str]:
    """The numbers that the brief's fact sections state (list numbering left out), sorted."""
    found = set()
    for section in re.split(r"(?m)^## ", brief)[1:]:
        if section.startswith(BRIEF_FACT_SECTIONS):
            body = re.sub(r"(?m)^\s*\d+\.\s", "", section)
            found.update(numbers_in(body))
    return sorted(found, key=float)


def committed_brief_numbers() -> set[str]:
    return set(yaml.safe_load(BRIEF_NUMBERS_FILE.read_text(encoding="utf-8"))["numbers"])


def course_numbers(course) -> tuple[set[str], set[str]]:
    """Numbers of the course file's own text (notice, titles, warning signs: allowed anywhere)
    and the course's times in minutes (allowed next to 'minutes')."""
    data = course.model_dump(exclude={"lessons", "version", "languages"})
    text = json.dumps(data, ensure_ascii=False) + json.dumps(
        [[les.title, les.objectives] for les in course.lessons], ensure_ascii=False)
    minutes = {les.minutes for les in course.lessons} | {sum(les.minutes for les in course.lessons)}
    minutes |= {sum(course.lesson(slug).minutes for slug in plan.lessons) for plan in course.plans}
    return set(numbers_in(text)), {str(m) for m in minutes}


def references(nb) -> dict[int, str]:
    """Entries of the notebook's references cells, by number ('1.' / '[1]' / bullets in order)."""
    refs: dict[int, str] = {}
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "references" in cell_tags(cell):
            for line in cell.source.splitlines():
                m = _REF_ENTRY.match(line)
                if m:
                    refs[int(m.group(1) or m.group(2) or len(refs) + 1)] = m.group(3)
                elif refs and line.startswith((" ", "\t")):          # a wrapped entry
                    last = max(refs)
                    refs[last] += " " + line.strip()
    return refs


def cited(marker: str) -> set[int]:
    """The reference numbers in a citation marker's inside: '1', '1, 3', '1-4'."""
    result: set[int] = set()
    for part in marker.split(","):
        bounds = [int(x) for x in re.split(r"[-\u2013]", part)]
        result.update(range(bounds[0], bounds[-1] + 1))
    return result


def number_problems(where: str, text: str, refs: dict[int, str], allowed: set[str], minutes: set[str]) -> Problems:
    problems = []
    plain = _ORDINAL.sub(" ", to_plain(text, keep_citations=True))
    for sentence in _SENTENCE.split(plain):
        markers = [(m.start(), cited(m.group(1))) for m in CITATION.finditer(sentence)]
        for start, numbers in markers:
            missing = sorted(numbers - set(refs))
            if missing:
                problems.append(f"{where}: citation [{missing[0]}] has no entry in the references cell")
        bare = CITATION.sub(lambda m: " " * len(m.group(0)), sentence)
        for m in NUMBER.finditer(bare):
            number = m.group(0).replace(",", "")
            if number in allowed or (number in minutes and _MINUTES.search(sentence)):
                continue
            if any(start > m.start() for start, _ in markers):   # cited (a bad marker is reported above)
                continue
            problems.append(f"{where}: number {number} is not in the brief and has no citation [n] "
                            f"after it in its sentence: {sentence.strip()[:90]!r}")
    return problems


def reference_problems(where: str, refs: dict[int, str]) -> Problems:
    return [f"{where}: reference {n} has no year (write 'Authors. Title. Journal. Year.')"
            for n, entry in sorted(refs.items()) if not _YEAR.search(entry)]


def numbers_check(root: Path) -> Problems:
    course = course_at(root)
    from_course, minutes = course_numbers(course)
    allowed = committed_brief_numbers() | from_course
    problems: Problems = []
    lesson_refs: dict[tuple[str, str], dict[int, str]] = {}
    for lang in course.languages:
        for lesson, path in lesson_notebooks(root, course, lang):
            if not path.exists():
                continue
            nb = read_notebook(path)
            refs = lesson_refs[lesson.slug, lang] = references(nb)
            problems += reference_problems(f"{rel(path, root)}: references", refs)
            for i, cell in enumerate(nb.cells):
                if cell.cell_type == "markdown" and not (is_private(cell) and "resident" not in cell_tags(cell)):
                    problems += number_problems(f"{rel(path, root)}: cell {i}", cell.source, refs, allowed, minutes)
    owner = {q: les.slug for les in course.lessons for q in les.quizzes}
    for quiz_id, quiz in load_all(root / "quizzes").items():
        for lang in course.languages:
            refs = lesson_refs.get((owner.get(quiz_id, ""), lang), {})
            for qid, strings in quiz_strings(quiz, lang).items():
                problems += number_problems(f"quizzes/{quiz_id}.yml: question {qid!r} ({lang})",
                                            "\n".join(strings), refs, allowed, minutes)
    return problems


# -- all of it -------------------------------------------------------------------------------
def scan(root: Path, *finders) -> Problems:
    """Run unit-level finders over every piece of every course source."""
    return [p for path in course_sources(root) for u in units(path, root) for find in finders for p in find(u)]


@check
def spam(root: Path) -> Problems:
    return scan(root, spam_problems)


@check
def outside_links(root: Path) -> Problems:
    return scan(root, link_problems)


@check
def images(root: Path) -> Problems:
    return scan(root, image_problems)


@check
def numbers(root: Path) -> Problems:
    return numbers_check(root)


@check
def integrity(root: Path) -> Problems:
    """All of the above: spam, links, images, numbers."""
    return scan(root, spam_problems, link_problems, image_problems) + numbers_check(root)
