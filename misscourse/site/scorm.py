"""SCORM 1.2 packages for a hospital's learning management system (``misscourse scorm``).

One zip per lesson and per class plan, per language: the lesson's readable page (a plan's deck)
from the built site, every file it loads, and ``imsmanifest.xml`` at the root (ADL SCORM 1.2:
one organization, one item, one SCO resource listing every file of the zip; titles from
``course.yml``, the mastery score from its ``local.mastery_score``). The page gets
``lib/scorm.js``, the runtime that reports answers, score and status to the LMS
(misscourse/static/scorm.js), and loses the site's navigation bar, whose links lead outside the
package. Zips are written byte for byte the same for the same site (fixed file times, sorted
names), so an unchanged lesson makes an unchanged package.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path
from posixpath import normpath
from xml.sax.saxutils import escape, quoteattr

from ..course import Course
from ..paths import STATIC_DIR
from ..text import pick
from .files import write_if_changed
from .names import DECK_SUFFIX, LATER_TYPE, LIB, PAGE_SUFFIX

RUNTIME = "scorm.js"
MANIFEST = "imsmanifest.xml"
ZIP_TIME = (2020, 1, 1, 0, 0, 0)

_REF = re.compile(r"""(?:\bsrc|\bhref)\s*=\s*["']([^"'#?]+)(?:[?#][^"']*)?["']""", re.I)
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')?#]+)""", re.I)
_NAV = re.compile(r'<nav\b[^>]*class="[^"]*\bmiss-sitenav\b[^"]*"[^>]*>.*?</nav>', re.S | re.I)
_LINK = re.compile(r'<a\b([^>]*)\bhref="([^"#]*?\.html)(?:[?#][^"]*)?"([^>]*)>', re.I)


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
    """The page as the SCO shows it: no site navigation, links to other pages made plain text,
    the SCORM runtime loaded last."""
    html = _NAV.sub("", html)
    html = re.sub(r'<a\b[^>]*\bhref="(?![a-z]+:|#)[^"]*\.html(?:[?#][^"]*)?"[^>]*>(.*?)</a>', r"\1", html,
                  flags=re.S | re.I)
    prefix = "../" * depth
    # after the page's own scripts: a deck starts them after its first paint (type="miss/later"),
    # and the runtime needs reveal.js to go back to the slide the learner left
    load = f'type="{LATER_TYPE}"' if f'type="{LATER_TYPE}"' in html else "defer"
    runtime = (f'<script>window.MissScormConfig = {{"mastery": {int(mastery)}}};</script>\n'
               f'<script {load} src="{prefix}{LIB}/{RUNTIME}"></script>\n')
    if "</body>" not in html:
        raise ScormError("the page has no </body>")
    return html.replace("</body>", runtime + "</body>", 1)


def manifest(identifier: str, title: str, start: str, files: list[str], mastery: int) -> str:
    """imsmanifest.xml for one SCO (ADL SCORM 1.2, IMS Content Packaging 1.1.2)."""
    ident = re.sub(r"[^A-Za-z0-9_.-]", "-", identifier)
    file_lines = "\n".join(f"      <file href={quoteattr(f)}/>" for f in files)
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
      <title>{escape(title)}</title>
      <item identifier={quoteattr("ITEM-" + ident)} identifierref={quoteattr("SCO-" + ident)} isvisible="true">
        <title>{escape(title)}</title>
        <adlcp:masteryscore>{int(mastery)}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier={quoteattr("SCO-" + ident)} type="webcontent" adlcp:scormtype="sco" href={quoteattr(start)}>
{file_lines}
    </resource>
  </resources>
</manifest>
"""


def package(site: Path, start: str, identifier: str, title: str, mastery: int) -> bytes:
    """The zip of one SCO whose launch page is ``start`` (a path in the built site)."""
    site = Path(site)
    files = _files_of(site, start)
    runtime = f"{LIB}/{RUNTIME}"
    contents: dict[str, bytes] = {}
    for name in files:
        data = (site / name).read_bytes()
        if name == start:
            data = _sco_page(data.decode("utf-8"), start.count("/"), mastery).encode("utf-8")
        contents[name] = data
    contents[runtime] = (STATIC_DIR / RUNTIME).read_bytes()
    listed = sorted(contents)
    contents[MANIFEST] = manifest(identifier, title, start, listed, mastery).encode("utf-8")
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in [MANIFEST, *listed]:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, contents[name])
    return buffer.getvalue()


def packages(course: Course, site: Path, langs: list[str]) -> list[tuple[str, str, str, str]]:
    """(zip name, launch page, identifier, title) of every package: each lesson, then each plan."""
    found = []
    for lang in langs:
        for lesson in course.lessons:
            stem = course.stem(lesson.slug)
            found.append((f"{lang}-{stem}.zip", f"{lang}/{stem}{PAGE_SUFFIX}", f"misscourse-{lang}-{lesson.slug}",
                          f"{course.shown_number(lesson.slug)}. {pick(lesson.title, lang)}"))
        for plan in course.plans:
            found.append((f"{lang}-plan-{plan.id}.zip", f"{lang}/plan-{plan.id}{DECK_SUFFIX}",
                          f"misscourse-{lang}-plan-{plan.id}", pick(plan.title, lang)))
    return found


def write_packages(course: Course, site: Path, out: Path, langs: list[str], say=print) -> list[Path]:
    """Write every package of ``langs`` into ``out``; return their paths."""
    out = Path(out)
    mastery = course.local.mastery_score
    written = []
    todo = packages(course, site, langs)
    for i, (name, start, identifier, title) in enumerate(todo, 1):
        data = package(site, start, identifier, title, mastery)
        path = out / name
        changed = write_if_changed(path, data)
        say(f"  {'wrote' if changed else 'unchanged'} {name} ({len(data) // 1024} KB) [{i}/{len(todo)}]")
        written.append(path)
    return written
