"""Take-home sheets (``<lang>/NN-slug.handout.html``): what each holds, the local settings on the
sheet and on the warning-signs card, the links to them, and that each prints on one sheet of
paper (at most 2 pages, A4 and Letter) and reads on a 360 px phone."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import REPO
from misscourse.course import course, load_course
from misscourse import paths
from misscourse.paths import STATIC_DIR
from misscourse.site.handouts import WARNING_SIGNS, write_handouts
from misscourse.site.instructor import page_renderer
from misscourse.site.takehome import (STOPLIGHT_LESSONS, key_points_cell, sheet_name, sheet_parts,
                                      write_takehome_sheets)
from misscourse.text import HTML_LANG, pick
from misscourse.ui import ui_table

C = load_course()
PAPERS = ("A4", "Letter")
MAX_PAGES = 2              # one sheet of paper, both sides
MIN_PRINT_PX = 16          # 12pt


def source_notebooks(c, lang: str, root: Path | None = None) -> dict:
    return {les.slug: nbformat.read(c.notebook_path(les.slug, lang, root), as_version=4) for les in c.lessons}


def write_site(out: Path, c=None) -> Path:
    """The sheets and the card of every language, with the site's styles beside them in lib/."""
    c = c or course()
    (out / "lib").mkdir(parents=True, exist_ok=True)
    for css in STATIC_DIR.glob("*.css"):
        shutil.copy(css, out / "lib" / css.name)
    page = page_renderer(c)
    for lang in c.languages:
        notebooks = source_notebooks(c, lang, paths.root())
        write_takehome_sheets(c, out, lang, notebooks, page)
        write_handouts(c, out, lang, notebooks, page)
    return out


def text_of(path: Path) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" "))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return write_site(tmp_path_factory.mktemp("sheets"))


# -- what a sheet holds -----------------------------------------------------------------------------
@pytest.mark.parametrize("lang", C.languages)
def test_every_lesson_has_a_sheet_with_its_title_key_points_and_the_notice(site, lang):
    ui = ui_table(lang)
    for lesson in C.lessons:
        path = site / lang / sheet_name(C, lesson.slug)
        assert path.name == f"{C.stem(lesson.slug)}.handout.html"
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == HTML_LANG[lang]
        page = text_of(path)
        assert pick(lesson.title, lang) in soup.h1.get_text()
        key = key_points_cell(nbformat.read(C.notebook_path(lesson.slug, lang), as_version=4), lang)
        items = re.findall(r"^\s*[-*]\s+(.+)$", key.source, re.M)
        assert items, f"{lesson.slug} ({lang}): the key points cell has no list"
        for item in items:                     # every key point, as the lesson says it (markup aside)
            words = re.sub(r"<[^>]+>|\*\*|\*|`", "", item).strip()
            assert re.sub(r"\s+", " ", words) in page, (lesson.slug, lang, words)
        assert pick(C.notice, lang) in page
        assert ui["care_team_number"].format(phone="________") in page
        assert ui["emergency_number_line"].format(number=C.local.emergency(lang)) in page
        has_card = soup.select_one(".miss-stoplight") is not None
        assert has_card == (lesson.slug in STOPLIGHT_LESSONS), lesson.slug
        if has_card:
            for zone in C.stoplight.zones:
                assert C.fill(zone.heading, lang) in page
                assert all(C.fill(s.text, lang) in page for s in zone.signs)
        links = {a["href"] for a in soup.select("a")}
        assert f"{C.stem(lesson.slug)}.html" in links            # back to the full lesson


def test_a_cell_tagged_takehome_becomes_what_to_do_and_a_lesson_without_key_points_fails():
    nb = nbformat.read(C.notebook_path("daily-life", "en"), as_version=4)
    assert "miss-sheet-what-to-do" in sheet_parts(C, "daily-life", "en", nb)["sections"]   # the lesson's own cell
    nb.cells = [c for c in nb.cells if "takehome" not in c.metadata.get("tags", [])]
    parts = sheet_parts(C, "daily-life", "en", nb)
    assert "miss-sheet-what-to-do" not in parts["sections"]            # no takehome cell: key points alone
    assert ui_table("en")["takehome_key_points_and_do"] in parts["sections"]
    cell = nbformat.v4.new_markdown_cell("## What to do at home\n\n- Walk 3 times a day.\n- Call if your wound is red.")
    cell.metadata["tags"] = ["takehome"]
    nb.cells.append(cell)
    parts = sheet_parts(C, "daily-life", "en", nb)
    html = str(parts["sections"])
    assert 'class="miss-sheet-section miss-sheet-what-to-do"' in html and "Walk 3 times a day." in html
    assert "What to do at home" not in html                          # the sheet sets its own heading
    assert html.index("miss-sheet-key-points") < html.index("miss-sheet-what-to-do")
    nb.cells = [c for c in nb.cells if not c.source.startswith("## Key points")]
    with pytest.raises(ValueError, match=r"notebooks/en/09-daily-life.ipynb: no markdown cell with the heading 'Key points'"):
        sheet_parts(C, "daily-life", "en", nb)


def test_local_settings_show_on_the_card_and_on_a_sheet(repo_copy, tmp_path):
    path = repo_copy / "course.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["local"].update(care_team_phone="+1 555-0100", hospital={"en": "Riverside Spine Center", "zh": "河畔医院脊柱科"},
                         emergency_number={"en": "999", "zh": "120"})
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    c = course()
    assert c.local.care_team_phone == "+1 555-0100"
    out = write_site(tmp_path / "site", c)
    for lang, hospital, number in (("en", "Riverside Spine Center", "999"), ("zh", "河畔医院脊柱科", "120")):
        ui = ui_table(lang)
        card = text_of(out / lang / WARNING_SIGNS)
        sheet = text_of(out / lang / sheet_name(c, "recovery-at-home"))
        plain = text_of(out / lang / sheet_name(c, "what-is-miss"))          # a sheet without the card
        for page in (card, sheet, plain):
            assert hospital in page and ui["care_team_number"].format(phone="+1 555-0100") in page
            assert ui["emergency_number_line"].format(number=number) in page and "________" not in page
        assert c.fill(c.stoplight.zone("red").action, lang) in card and f"{number}" in c.fill("{emergency}", lang)
    assert "911" not in text_of(out / "en" / WARNING_SIGNS)
    # the lesson's header and the course home name the hospital too
    from misscourse.lesson import LessonView
    from misscourse.site.home import write_index_pages

    assert "Riverside Spine Center" in LessonView("risks", "en").header()._repr_html_()
    assert "河畔医院脊柱科" in LessonView("risks", "zh").header()._repr_html_()
    homes = write_index_pages(c, tmp_path / "home", c.languages)
    assert all(h in text_of(path) for path, h in zip(homes, ("Riverside Spine Center", "河畔医院脊柱科")))


def test_the_home_page_and_the_lesson_page_link_to_the_sheets(tmp_path):
    from misscourse.site.export import Exporters
    from misscourse.site.home import write_index_pages

    c = course()
    for path in write_index_pages(c, tmp_path, c.languages):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        lang = "zh" if ".zh." in path.name else "en"
        links = {a["href"] for a in soup.select(".miss-lesson-card a")}
        assert {f"{lang}/{sheet_name(c, les.slug)}" for les in c.lessons} <= links
    resources = Exporters(c, tmp_path)._resources("risks", "en", "page")["miss"]
    assert resources["sheet_url"] == sheet_name(c, "risks")
    template = (REPO / "misscourse" / "templates" / "course_common.j2").read_text(encoding="utf-8")
    assert "miss.sheet_url" in template


# -- printed and on a phone --------------------------------------------------------------------------
def pdf_pages(pdf: bytes) -> int:
    counts = [int(m.group(1)) for m in re.finditer(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    counts += [int(m.group(1)) for m in re.finditer(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)]
    return max(counts)


SMALL_PRINT_JS = """(minPx) => {
  const shown = (el) => { const s = getComputedStyle(el);
    return s.display !== 'none' && s.visibility !== 'hidden' && el.getClientRects().length > 0; };
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || !shown(el) || el.closest('svg')) continue;
    const px = parseFloat(getComputedStyle(el).fontSize);
    if (px < minPx - 0.01) small.push(el.tagName + ' ' + px + 'px: ' + node.textContent.trim().slice(0, 30));
  }
  for (const sel of ['.miss-sitenav', '.miss-print-btn']) {
    for (const el of document.querySelectorAll(sel)) if (shown(el)) small.push('printed: ' + sel);
  }
  return small;
}"""

SHEETS = [(lang, les.slug) for lang in C.languages for les in C.lessons]


@pytest.fixture(scope="module")
def printer(site, chromium):
    from browser import serve

    with serve(site) as url:
        context = chromium.new_context()
        yield context, url
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang, slug", SHEETS, ids=[f"{lang}-{slug}" for lang, slug in SHEETS])
def test_a_sheet_prints_on_one_sheet_of_paper_in_large_type(printer, lang, slug):
    context, url = printer
    page = context.new_page()
    page.goto(url + f"{lang}/{sheet_name(C, slug)}")
    page.emulate_media(media="print")
    counts = {paper: pdf_pages(page.pdf(format=paper)) for paper in PAPERS}
    print(f"{lang}/{sheet_name(C, slug)}: {counts}")
    assert all(1 <= n <= MAX_PAGES for n in counts.values()), counts
    assert page.evaluate(SMALL_PRINT_JS, MIN_PRINT_PX) == []
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", C.languages)
def test_the_card_still_prints_on_one_page(printer, lang):
    context, url = printer
    page = context.new_page()
    page.goto(url + f"{lang}/{WARNING_SIGNS}")
    page.emulate_media(media="print")
    assert {paper: pdf_pages(page.pdf(format=paper)) for paper in PAPERS} == {"A4": 1, "Letter": 1}
    assert page.evaluate(SMALL_PRINT_JS, MIN_PRINT_PX) == []
    page.close()


@pytest.mark.browser
def test_the_page_count_catches_a_sheet_that_is_too_long(printer):
    context, url = printer
    page = context.new_page()
    page.goto(url + f"en/{sheet_name(C, 'recovery-at-home')}")
    page.add_style_tag(content="@media print { .miss-takehome main { font-size: 30pt !important; } }")
    page.emulate_media(media="print")
    assert pdf_pages(page.pdf(format="A4")) > MAX_PAGES
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", C.languages)
def test_a_sheet_reads_on_a_360_px_phone_and_passes_axe(printer, lang):
    from browser import run_axe

    context, url = printer
    page = context.new_page()
    page.set_viewport_size({"width": 360, "height": 740})
    for slug in ("recovery-at-home", "what-is-miss"):
        page.goto(url + f"{lang}/{sheet_name(C, slug)}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        px = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.miss-sheet-section li')).fontSize)")
        assert px >= 16
        assert run_axe(page) == []
    page.close()
