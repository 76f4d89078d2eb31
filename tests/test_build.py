"""``misscourse build``: one folder with every deck, page and library; offline; incremental; safe on failure."""

from __future__ import annotations

import re
import shutil

import nbformat
import yaml

from misscourse.build import build
from misscourse.course import course
from misscourse.site.names import index_name
from misscourse.site.shared_data import shared_css

C = course()
URL_ATTR = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", re.I)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)""", re.I)
IMPORT = re.compile(r"""@import\s+["']([^"']+)""", re.I)
# what makes a browser fetch something: src of scripts, images and frames, <link href>, CSS url()
LOADS = re.compile(r"""<(?:script|img|iframe|source|audio|video|embed|link)\b[^>]*?\s(?:src|href)\s*=\s*["']([^"']+)""", re.I)


def test_every_lesson_has_a_deck_and_a_page_in_every_language(built_site):
    for lang in C.languages:
        assert (built_site / index_name(lang, C.languages[0])).exists()
        for lesson in C.lessons:
            stem = C.stem(lesson.slug)
            deck = (built_site / lang / f"{stem}.slides.html").read_text(encoding="utf-8")
            page = (built_site / lang / f"{stem}.html").read_text(encoding="utf-8")
            title = lesson.title[lang] if lang in lesson.title else lesson.title["en"]
            assert "../lib/course-deck.js" in deck and "course-deck.js" not in page
            assert "application/vnd.jupyter.widget-state+json" in deck, f"{stem}: quiz state not embedded"
            for html in (deck, page):
                assert re.search(r'<meta (?=[^>]*name="viewport")(?=[^>]*content="width=device-width, initial-scale=1")', html)
                assert "../lib/widget-host.js" in html and "../lib/read-aloud.js" in html
                assert f'href="{stem}.slides.html?view=scroll"' in html, f"{stem}: no scroll-view link"
                assert '<style type="text/css">' not in html, f"{stem}: nbconvert's styles are inlined, not shared from lib/"
            for html in (deck, page):
                assert title.replace("'", "&#39;").split(":")[0] in html or title.split(":")[0] in html
                assert 'class="notes"' not in page


def test_decks_hide_code_and_resident_sections_and_keep_speaker_notes(built_site):
    resident_sections = 0
    for lesson in C.lessons:
        stem = C.stem(lesson.slug)
        deck = (built_site / "en" / f"{stem}.slides.html").read_text(encoding="utf-8")
        page = (built_site / "en" / f"{stem}.html").read_text(encoding="utf-8")
        assert "from misscourse import lesson" not in deck and "L.quiz()" not in deck
        assert '<aside class="notes">' in deck
        nb = nbformat.read(C.notebook_path(lesson.slug, "en"), as_version=4)
        for cell in nb.cells:
            if "resident" in cell.metadata.get("tags", []):
                heading = cell.source.strip().splitlines()[0].lstrip("# ").strip()
                assert heading not in deck, f"{stem}: resident section {heading!r} is in the patient slides"
                assert heading in page and 'class="miss-resident"' in page, f"{stem}: {heading!r} not marked in the page"
                resident_sections += 1
    assert resident_sections >= 3


def test_nothing_is_loaded_from_outside_the_folder(built_site):
    """Everything the pages load (scripts, styles, images, fonts) is relative or a data: URI.

    Plain links (<a href>) to medical sources may point outside: they load nothing by themselves."""
    offenders = []
    for path in list(built_site.rglob("*.html")) + list(built_site.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        found = []
        if path.suffix == ".html":
            text = re.sub(r'<script type="application/vnd\.jupyter\.widget-state\+json">.*?</script>', "", text, flags=re.S)
            found += LOADS.findall(text)
            css = " ".join(re.findall(r"<style\b[^>]*>(.*?)</style>", text, flags=re.S) + re.findall(r'style="([^"]*)"', text))
        else:
            css = text
        found += CSS_URL.findall(css) + IMPORT.findall(css)
        offenders += [f"{path.relative_to(built_site)}: {url}" for url in found if re.match(r"^(https?:)?//", url.strip())]
    assert not offenders, offenders[:10]


def test_relative_links_point_at_files_that_exist(built_site):
    broken = []
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"<script\b.*?</script>", "", text, flags=re.S)
        for url in URL_ATTR.findall(text):
            if url.startswith(("data:", "#", "http", "//", "mailto:")):
                continue
            target = (path.parent / url.split("#")[0].split("?")[0]).resolve()
            if not target.exists():
                broken.append(f"{path.relative_to(built_site)} -> {url}")
    assert not broken, broken[:10]


def test_front_end_libraries_come_from_node_modules_not_the_repository(built_site):
    import json

    from conftest import REPO

    pinned = json.loads((REPO / "package.json").read_text())["dependencies"]["reveal.js"]
    assert re.fullmatch(r"5\.\d+\.\d+", pinned), f"reveal.js must be pinned to an exact 5.x, not {pinned!r}"
    for lib in ("lib/reveal.js/dist/reveal.js", "lib/reveal.js/plugin/notes/notes.js", "lib/reveal.js/plugin/search/search.js",
                "lib/reveal.js/plugin/zoom/zoom.js", "lib/widget-host.js", "lib/quiz-module.js", "lib/read-aloud.js"):
        assert (built_site / lib).stat().st_size > 1000
    tracked = (REPO / ".gitignore").read_text()
    assert "node_modules/" in tracked and "site/" in tracked


def test_the_site_ships_no_widget_manager_no_maps_and_no_build_cache(built_site):
    """The classic widget manager (require.js, jQuery, html-manager, icon fonts) is gone; no file
    asks for a source map the site does not ship; the build's cache lives beside the folder."""
    names = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()]
    assert not [n for n in names if re.search(r"require\.js|jquery|html-manager|embed-amd|\.woff2?$|\.ttf$|\.eot$", n)]
    assert not [n for n in names if n.startswith(".") or "/." in n], "hidden files (a cache?) in the site folder"
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix in {".js", ".css", ".html"}:
            assert "sourceMappingURL" not in path.read_text(encoding="utf-8"), path
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "require.js" not in text and "jquery" not in text.lower() and "embed-amd" not in text, path


SITE_BUDGET_MB = 5.0  # the whole folder, both languages (the issue "On a phone, fast"; benchmarks/bench_build.py)
STATE_SCRIPT = re.compile(r'<script type="application/vnd\.jupyter\.widget-state\+json">(.*?)</script>', re.S)


def _served(built_site):
    return [p for p in built_site.rglob("*") if p.is_file() and "screenshots" not in p.parts]


def test_the_site_fits_its_size_budget(built_site):
    """A learner on a phone downloads the course: every file of both languages, at most 5 MB."""
    sizes = {p.relative_to(built_site).as_posix(): p.stat().st_size for p in _served(built_site)}
    total = sum(sizes.values()) / 1e6
    biggest = sorted(sizes.items(), key=lambda kv: -kv[1])[:5]
    assert total <= SITE_BUDGET_MB, f"the site is {total:.2f} MB (budget {SITE_BUDGET_MB} MB); biggest: {biggest}"
    for lang in C.languages:
        for lesson in C.lessons:
            deck = built_site / lang / f"{C.stem(lesson.slug)}.slides.html"
            assert deck.stat().st_size <= 120_000, f"{deck.name} ({lang}) is {deck.stat().st_size // 1000} KB"


def test_pages_share_quiz_data_styles_and_scripts_instead_of_copying_them(built_site):
    """Every deck, page and class plan names its quizzes' data and words in lib/ (loaded once,
    cached) instead of carrying a copy; the warning-signs box's style is a linked file; the
    progress, record and class pages load their data and scripts from lib/ too."""
    import json

    from misscourse.site.shared_data import file_of

    pages = [p for lang in C.languages for p in sorted((built_site / lang).glob("*.html"))
             if p.name.endswith(".slides.html") or re.fullmatch(r"\d\d-[a-z-]+\.html", p.name)]
    assert len(pages) >= 4 * len(C.lessons)
    quizzes = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found = STATE_SCRIPT.findall(html)
        if not found:
            continue
        models = json.loads(found[0])["state"]
        for model in models.values():
            state = model["state"]
            assert "quiz" not in state and "ui" not in state, f"{path.name}: a copy of the quiz's data is inlined"
            for key in state["miss_shared"].values():
                src = f"../lib/{file_of(key)}"
                assert f'src="{src}"' in html, f"{path.name}: does not load {src}"
                assert (built_site / "lib" / file_of(key)).is_file()
            quizzes += 1
        assert not re.search(r"\\u[0-9a-f]{4}", found[0]), f"{path.name}: widget state written as \\u escapes"
        assert "<style" not in html, f"{path.name}: an inline style (share it from lib/)"
    assert quizzes >= 2 * len(C.lessons)
    stoplight = [p for p in pages if "miss-stoplight" in p.read_text(encoding="utf-8")]
    # a page links the shared style; a deck's one stylesheet (lib/deck.css) holds it
    assert stoplight and all(('href="../lib/deck.css"' if p.name.endswith(".slides.html") else 'href="../lib/stoplight.css"')
                             in p.read_text(encoding="utf-8") for p in stoplight)
    assert shared_css("stoplight.css").strip() in (built_site / "lib" / "deck.css").read_text(encoding="utf-8")
    for name in ("progress", "record", "class"):
        for lang in C.languages:
            page = built_site / (f"{name}.html" if lang == C.languages[0] else f"{name}.{lang}.html")
            html = page.read_text(encoding="utf-8")
            assert page.stat().st_size < 12_000, f"{page.name}: {page.stat().st_size} bytes, data or scripts inlined?"
            for src in (f"lib/{name}-page.js", f"lib/progress-data.{lang}.js", f"lib/quiz-ui.{lang}.js", "lib/progress.css"):
                assert f'"{src}"' in html and (built_site / src).is_file(), f"{page.name}: {src}"


def test_a_widget_other_than_the_quiz_fails_the_build_naming_notebook_and_cell():
    import pytest

    from misscourse.site.widgets import STATE, VIEW, UnsupportedWidget, prepare

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A lesson"),
                nbformat.v4.new_code_cell("IntSlider()", outputs=[nbformat.v4.new_output(
                    "display_data", data={VIEW: {"model_id": "m1", "version_major": 2, "version_minor": 0},
                                          "text/plain": "IntSlider(value=0)"})])]
    nb.metadata["widgets"] = {STATE: {"version_major": 2, "version_minor": 0, "state": {"m1": {
        "model_name": "IntSliderModel", "model_module": "@jupyter-widgets/controls", "model_module_version": "2.0.0",
        "state": {"_model_name": "IntSliderModel", "value": 0}}}}}
    with pytest.raises(UnsupportedWidget) as err:
        prepare(nb, "notebooks/en/99-test.ipynb")
    message = str(err.value)
    assert "notebooks/en/99-test.ipynb" in message and "cell 2" in message and "IntSliderModel" in message


def test_second_build_runs_nothing_that_did_not_change(built_site):
    before = {p: p.stat().st_mtime_ns for p in built_site.rglob("*") if p.is_file() and "screenshots" not in p.parts}
    log: list[str] = []
    assert build(built_site, say=log.append) == 0
    assert "(0 to execute" in log[0], log[0]
    assert not any(line.strip().startswith("wrote") for line in log)
    after = {p: p.stat().st_mtime_ns for p in built_site.rglob("*") if p.is_file() and "screenshots" not in p.parts}
    assert after == before, "a rebuild with no change touched files"


def _small_course(root, slugs, plans=()):
    """The course copy at ``root`` cut to ``slugs``, with only ``plans`` (dicts as in course.yml)."""
    data = yaml.safe_load((root / "course.yml").read_text())
    data["lessons"] = [entry for entry in data["lessons"] if entry["slug"] in slugs]
    data["plans"] = list(plans)
    (root / "course.yml").write_text(yaml.safe_dump(data, allow_unicode=True))
    for lang in data["languages"]:
        for number, slug in enumerate(slugs):
            old = course().notebook_path(slug, lang)
            new = root / "notebooks" / lang / f"{number:02d}-{slug}.ipynb"
            if old.name != new.name:
                shutil.copy(old, new)


def test_a_failing_lesson_is_named_and_the_last_good_site_stays(repo_copy, tmp_path):
    _small_course(repo_copy, ["welcome", "what-is-miss"])
    out = tmp_path / "site"
    log: list[str] = []
    assert build(out, say=log.append, langs=["en"]) == 0, log
    before = {p: p.read_bytes() for p in out.rglob("*.html")}

    path = repo_copy / "notebooks" / "en" / "01-what-is-miss.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell('L.diagram("no-such-diagram")'))
    nbformat.write(nb, path)

    log.clear()
    assert build(out, say=log.append, langs=["en"]) == 1
    message = "\n".join(log)
    assert "01-what-is-miss.ipynb: cell 4 failed" in message
    assert "no diagram 'no-such-diagram'" in message
    assert "left as it was" in message
    assert {p: p.read_bytes() for p in out.rglob("*.html")} == before


def test_a_change_to_one_lesson_rewrites_only_what_depends_on_it(repo_copy, tmp_path, capfd):
    two = {"id": "two", "title": {"en": "Two lessons", "zh": "两课"}, "minutes": 15, "lessons": ["welcome", "what-is-miss"]}
    _small_course(repo_copy, ["welcome", "what-is-miss"], [two])
    out = tmp_path / "site"
    log: list[str] = []
    assert build(out, say=log.append, langs=["en"]) == 0, log
    assert "WARNING" not in capfd.readouterr().err, "the kernels printed warnings on the console"
    assert not (out / ".cache").exists() and (tmp_path / ".build-cache" / "site").is_dir()
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}

    path = repo_copy / "notebooks" / "en" / "01-what-is-miss.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown" and "speaker" not in c.source and c.source.startswith("## "))
    cell.source += "\n\nA sentence added for this test."
    nbformat.write(nb, path)
    log.clear()
    assert build(out, say=log.append, langs=["en"]) == 0, log
    assert "(1 to execute, 1 unchanged)" in log[0], log[0]
    after = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    changed = sorted(p.relative_to(out).as_posix() for p in after if after[p] != before.get(p))
    assert "en/01-what-is-miss.slides.html" in changed and "en/01-what-is-miss.html" in changed
    assert "en/plan-two-part2.slides.html" in changed  # the class plan's deck of that lesson
    assert not [name for name in changed if "00-welcome" in name or name.startswith("lib/")
                or name == "en/plan-two.slides.html"], changed
    # a plan that loses a lesson loses that lesson's deck; nothing else of the class is left behind
    data = yaml.safe_load((repo_copy / "course.yml").read_text())
    data["plans"][0]["lessons"] = ["welcome"]
    (repo_copy / "course.yml").write_text(yaml.safe_dump(data, allow_unicode=True))
    assert build(out, say=log.append, langs=["en"]) == 0, log
    assert sorted(p.name for p in (out / "en").glob("plan-*")) == ["plan-two.slides.html"]
