"""SCORM 1.2 packages for a hospital's learning management system (``misscourse scorm``).

One zip per lesson and per class plan, per language, with ``imsmanifest.xml`` at the root (ADL
SCORM 1.2, IMS Content Packaging 1.1.2; titles from ``course.yml``, the mastery score from its
``local.mastery_score``):

- a lesson's package is one SCO: its readable page from the built site and every file the page
  loads; one organization, one item, one SCO resource listing every file of the zip;
- a class plan's package holds one SCO per lesson deck of the plan, in the plan's order
  (``<lang>/plan-<id>.slides.html``, then ``plan-<id>-part<k>.slides.html``): one organization
  whose item is the plan (an aggregation, no resource of its own) with one child item per deck,
  "<k>. <lesson title>", each with the mastery score and its own SCO resource listing the files
  its page loads. The zip holds each file once. The LMS moves between the SCOs with its own
  menu, and each SCO keeps its own answers, score and status.

Each SCO's page gets ``lib/scorm.js``, the runtime that reports answers, score and status to the
LMS (misscourse/static/scorm.js). It loses the site's navigation bar, its ``<link rel="next">``
and ``rel="prev"`` (which would let the keys open another deck inside the LMS's frame), and its
links to other pages become plain text: a SCO is one page. Zips are written byte for byte the same
for the same site (fixed file times, sorted names), so an unchanged lesson makes an unchanged
package.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path
from posixpath import normpath
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

from ..course import Course
from ..paths import STATIC_DIR
from ..text import pick
from .files import write_if_changed
from .names import LATER_TYPE, LIB, PAGE_SUFFIX
from .plans import part_names

RUNTIME = "scorm.js"
MANIFEST = "imsmanifest.xml"
ZIP_TIME = (2020, 1, 1, 0, 0, 0)

_REF = re.compile(r"""(?:\bsrc|\bhref)\s*=\s*["']([^"'#?]+)(?:[?#][^"']*)?["']""", re.I)
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')?#]+)""", re.I)
_NAV = re.compile(r'<nav\b[^>]*class="[^"]*\bmiss-sitenav\b[^"]*"[^>]*>.*?</nav>', re.S | re.I)
_LINK = re.compile(r'<a\b([^>]*)\bhref="([^"#]*?\.html)(?:[?#][^"]*)?"([^>]*)>', re.I)
_PAGE_LINK = re.compile(r'<a\b[^>]*\bhref="(?![a-z]+:|#)[^"]*\.html(?:[?#][^"]*)?"[^>]*>(.*?)</a>', re.S | re.I)
_NEXT_PREV = re.compile(r'<link\b[^>]*\brel="(?:next|prev)"[^>]*>\s*', re.I)


class Sco(NamedTuple):
    """One SCO of a package: its launch page (a path in the built site), identifier and title."""
    start: str
    identifier: str
    title: str


class Package(NamedTuple):
    """One zip: its file name, identifier, title and SCOs. A package whose only SCO has the
    package's own identifier is that SCO (a lesson); any other is an aggregation of its SCOs (a
    class plan, one SCO per lesson deck)."""
    name: str
    identifier: str
    title: str
    scos: tuple[Sco, ...]

    @property
    def single(self) -> bool:
        return len(self.scos) == 1 and self.scos[0].identifier == self.identifier


class ScormError(RuntimeError):
    pass


def _local(ref: str) -> bool:
    return not re.match(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", ref, re.I) and bool(ref.strip())


def _files_of(site: Path, start: str) -> list[str]:
    """``start`` (a path in the site) and every local file it loads (scripts, styles, images and
    what the styles load in turn), as paths relative to the site."""
    seen: list[str] = []
    todo = [start]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = site / name
        if not path.is_file():
            raise ScormError(f"{path}: the file is missing from the built site (build it first)")
        seen.append(name)
        if path.suffix not in (".html", ".css"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            text = _LINK.sub("", _NAV.sub("", text))      # page links stay out of the package
            refs = _REF.findall(text)
        else:
            refs = _CSS_URL.findall(text)
        base = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
        for ref in refs:
            if _local(ref) and not ref.endswith(".html"):
                todo.append(normpath(base + ref.strip()))
    return sorted(seen)


def _sco_page(html: str, depth: int, mastery: int) -> str:
    """The page as the SCO shows it: no site navigation, no ``<link rel="next">`` or ``rel="prev"``
    to another deck, links to other pages made plain text, the SCORM runtime loaded last."""
    html = _NAV.sub("", html)
    html = _NEXT_PREV.sub("", html)
    html = _PAGE_LINK.sub(r"\1", html)
    prefix = "../" * depth
    # after the page's own scripts: a deck starts them after its first paint (type="miss/later"),
    # and the runtime needs reveal.js to go back to the slide the learner left
    load = f'type="{LATER_TYPE}"' if f'type="{LATER_TYPE}"' in html else "defer"
    runtime = (f'<script>window.MissScormConfig = {{"mastery": {int(mastery)}}};</script>\n'
               f'<script {load} src="{prefix}{LIB}/{RUNTIME}"></script>\n')
    if "</body>" not in html:
        raise ScormError("the page has no </body>")
    return html.replace("</body>", runtime + "</body>", 1)


def _ident(identifier: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "-", identifier)


def manifest(pkg: Package, files: dict[str, list[str]], mastery: int) -> str:
    """imsmanifest.xml of ``pkg`` (ADL SCORM 1.2, IMS Content Packaging 1.1.2); ``files`` holds
    the files of each SCO's resource, keyed by its launch page."""
    ident = _ident(pkg.identifier)
    mastery_line = f"<adlcp:masteryscore>{int(mastery)}</adlcp:masteryscore>"

    def leaf(sco: Sco, indent: str) -> str:
        sid = _ident(sco.identifier)
        return (f'{indent}<item identifier={quoteattr("ITEM-" + sid)} identifierref={quoteattr("SCO-" + sid)} '
                f'isvisible="true">\n'
                f"{indent}  <title>{escape(sco.title)}</title>\n"
                f"{indent}  {mastery_line}\n"
                f"{indent}</item>")

    if pkg.single:
        items = leaf(pkg.scos[0], "      ")
    else:
        children = "\n".join(leaf(sco, "        ") for sco in pkg.scos)
        items = (f'      <item identifier={quoteattr("ITEM-" + ident)} isvisible="true">\n'
                 f"        <title>{escape(pkg.title)}</title>\n"
                 f"{children}\n"
                 f"      </item>")
    resources = []
    for sco in pkg.scos:
        sid = _ident(sco.identifier)
        file_lines = "\n".join(f"      <file href={quoteattr(f)}/>" for f in files[sco.start])
        resources.append(f'    <resource identifier={quoteattr("SCO-" + sid)} type="webcontent" '
                         f'adlcp:scormtype="sco" href={quoteattr(sco.start)}>\n{file_lines}\n    </resource>')
    resource_lines = "\n".join(resources)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier={quoteattr("MANIFEST-" + ident)} version="1.2"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default={quoteattr("ORG-" + ident)}>
    <organization identifier={quoteattr("ORG-" + ident)}>
      <title>{escape(pkg.title)}</title>
{items}
    </organization>
  </organizations>
  <resources>
{resource_lines}
  </resources>
</manifest>
"""


def package(site: Path, pkg: Package, mastery: int) -> bytes:
    """The zip of ``pkg``: each SCO's page (prepared by :func:`_sco_page`) and the files it loads,
    each file once, the SCORM runtime and the manifest."""
    site = Path(site)
    runtime = f"{LIB}/{RUNTIME}"
    contents: dict[str, bytes] = {runtime: (STATIC_DIR / RUNTIME).read_bytes()}
    files: dict[str, list[str]] = {}
    for sco in pkg.scos:
        own = _files_of(site, sco.start)
        for name in own:
            if name == sco.start:
                html = (site / name).read_text(encoding="utf-8")
                contents[name] = _sco_page(html, sco.start.count("/"), mastery).encode("utf-8")
            elif name not in contents:
                contents[name] = (site / name).read_bytes()
        files[sco.start] = sorted({*own, runtime})
    listed = sorted(contents)
    contents[MANIFEST] = manifest(pkg, files, mastery).encode("utf-8")
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in [MANIFEST, *listed]:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, contents[name])
    return buffer.getvalue()


def packages(course: Course, langs: list[str]) -> list[Package]:
    """Every package of ``langs``: each lesson, then each plan (one SCO per lesson deck)."""
    found = []
    for lang in langs:
        for lesson in course.lessons:
            stem = course.stem(lesson.slug)
            ident = f"misscourse-{lang}-{lesson.slug}"
            title = f"{course.shown_number(lesson.slug)}. {pick(lesson.title, lang)}"
            sco = Sco(f"{lang}/{stem}{PAGE_SUFFIX}", ident, title)
            found.append(Package(f"{lang}-{stem}.zip", ident, title, (sco,)))
        for plan in course.plans:
            ident = f"misscourse-{lang}-plan-{plan.id}"
            scos = tuple(Sco(f"{lang}/{name}", f"{ident}-part{k}", f"{k}. {pick(course.lesson(slug).title, lang)}")
                         for k, (slug, name) in enumerate(zip(plan.lessons, part_names(plan)), 1))
            found.append(Package(f"{lang}-plan-{plan.id}.zip", ident, pick(plan.title, lang), scos))
    return found


def write_packages(course: Course, site: Path, out: Path, langs: list[str], say=print) -> list[Path]:
    """Write every package of ``langs`` into ``out``; return their paths."""
    out = Path(out)
    mastery = course.local.mastery_score
    written = []
    todo = packages(course, langs)
    for i, pkg in enumerate(todo, 1):
        data = package(site, pkg, mastery)
        path = out / pkg.name
        changed = write_if_changed(path, data)
        scos = f", {len(pkg.scos)} SCOs" if not pkg.single else ""
        say(f"  {'wrote' if changed else 'unchanged'} {pkg.name} ({len(data) // 1024} KB{scos}) [{i}/{len(todo)}]")
        written.append(path)
    return written
