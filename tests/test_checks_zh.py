"""The checks of the Chinese edition, each failing on a deliberately bad input.

Parity of the languages, every Chinese text field filled, glossary terms used the same way, no
spam in Chinese sources, the Chinese readability limits and Chinese coverage. The small course of
tests/test_checks.py (English and Chinese, one lesson) is the good input; every test breaks one
thing in a copy of it under tmp_path. Nothing here touches the network.
"""

from __future__ import annotations

import pytest
import yaml

from misscourse.checks import CHECKS, coverage, glossary_terms, parity, reading, run_all, spam, translations
from misscourse.checks.coverage import load_coverage
from misscourse.checks.translations import UI_FILE
from misscourse.diagrams.labels import LABELS_FILE
from misscourse.progress.words import STRINGS_FILE
from misscourse.readability import ZH_MAX_AVG_CHARS, ZH_MAX_SHARE_OVER_40
from misscourse.report import reading_report, rows

from test_checks import GOOD_EN, course, edit_quiz, notebook, write_nb  # noqa: F401  (course: a fixture)

ZH_OK = "## 主要风险\n\n手术都有风险。<dfn>血栓</dfn>是其中之一。您可以在23小时内回家。"
EN_NB = notebook(("md", GOOD_EN), ("code", 'L.diagram("x")'))
ZH_NB = notebook(("md", ZH_OK), ("code", 'L.diagram("x")'))
ZH_FILE = "notebooks/zh/00-risks.ipynb"


def edit_course(root, old: str, new: str) -> None:
    path = root / "course.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_new_checks_run_with_the_others(course):
    assert {"parity", "translations"} <= set(CHECKS)
    assert run_all(course)["parity"] == [] and run_all(course)["translations"] == []


# -- 1. parity -------------------------------------------------------------------------------
def test_parity_fails_on_a_missing_and_on_a_stray_chinese_notebook(course):
    (course / ZH_FILE).unlink()
    write_nb(course, "zh", ZH_NB, stem="01-extra")
    assert parity(course) == [
        "notebooks/zh/00-risks.ipynb: notebook missing (lesson 'risks')",
        "notebooks/zh/01-extra.ipynb: not a lesson of course.yml and not in notebooks/en/ "
        "(a lesson missing in English, or a stray file)",
    ]


def test_parity_fails_when_an_english_notebook_has_no_chinese_twin(course):
    write_nb(course, "en", notebook(("md", "# Your progress")), stem="progress")
    assert parity(course) == [
        "notebooks/zh/progress.ipynb: notebook missing (not a lesson, but in the English folder)"]


@pytest.mark.parametrize("zh_cells, expected", [
    # a cell left out
    ([("md", ZH_OK)], "cell structure differs from notebooks/en/00-risks.ipynb (1 cells vs 2); "
                      "first difference at cell 1: no cell, where English has code cell, tags [], slide type -"),
    # a tag that English does not have
    ([("md", ZH_OK, ["resident"]), ("code", 'L.diagram("x")')],
     "first difference at cell 0: markdown cell, tags [resident], slide type -, "
     "where English has markdown cell, tags [], slide type -"),
    # cells in another order
    ([("code", 'L.diagram("x")'), ("md", ZH_OK)], "first difference at cell 0: code cell"),
])
def test_parity_fails_on_a_different_cell_structure(course, zh_cells, expected):
    write_nb(course, "zh", notebook(*zh_cells))
    problems = parity(course)
    assert problems and problems[0].startswith(f"{ZH_FILE}: ") and expected in problems[0], problems


def test_parity_fails_on_a_different_slide_type(course):
    nb = notebook(("md", ZH_OK), ("code", 'L.diagram("x")'))
    nb.cells[0].metadata["slideshow"] = {"slide_type": "slide"}
    write_nb(course, "zh", nb)
    assert parity(course) == [
        f"{ZH_FILE}: cell structure differs from notebooks/en/00-risks.ipynb (2 cells vs 2); first "
        "difference at cell 0: markdown cell, tags [], slide type slide, where English has markdown cell, "
        "tags [], slide type -"]


def test_parity_fails_on_a_different_number_of_section_headers(course):
    write_nb(course, "zh", notebook(("md", ZH_OK.replace("## ", "### ")), ("code", 'L.diagram("x")')))
    assert parity(course) == [
        f"{ZH_FILE}: 0 '##' section headers, notebooks/en/00-risks.ipynb has 1",
        f"{ZH_FILE}: cell 0: headings of levels [3], English cell 0 has [2]",
    ]


def test_a_heading_inside_a_code_fence_is_not_a_section_header(course):
    write_nb(course, "zh", notebook(("md", ZH_OK + "\n\n```\n## 不是标题\n```"), ("code", 'L.diagram("x")')))
    assert parity(course) == []


def test_parity_fails_on_a_different_diagram(course):
    write_nb(course, "zh", notebook(("md", ZH_OK), ("code", 'L.diagram("y")')))
    assert parity(course) == [f"{ZH_FILE}: diagrams [y] (L.diagram calls), English has [x]"]


def test_parity_fails_on_a_different_quiz(course):
    write_nb(course, "en", notebook(("md", GOOD_EN), ("code", 'L.diagram("x")'), ("code", "L.quiz()")))
    write_nb(course, "zh", notebook(("md", ZH_OK), ("code", 'L.diagram("x")'), ("code", 'L.quiz("review")')))
    assert parity(course) == [f"{ZH_FILE}: quizzes [review] (L.quiz calls), English has [risks]"]
    # L.quiz() and L.quiz("risks") show the same quiz: the lesson's first
    write_nb(course, "zh", notebook(("md", ZH_OK), ("code", 'L.diagram("x")'), ("code", 'L.quiz("risks")')))
    assert parity(course) == []


def test_parity_fails_on_the_wrong_language_in_the_set_up_line(course):
    setup = 'from misscourse import lesson; L = lesson("risks", "{}")'
    write_nb(course, "en", notebook(("code", setup.format("en")), ("md", GOOD_EN), ("code", 'L.diagram("x")')))
    write_nb(course, "zh", notebook(("code", setup.format("zh")), ("md", ZH_OK), ("code", 'L.diagram("x")')))
    assert parity(course) == []
    write_nb(course, "zh", notebook(("code", setup.format("en")), ("md", ZH_OK), ("code", 'L.diagram("x")')))
    assert parity(course) == [f"{ZH_FILE}: cell 0: lesson('risks', 'en') should be lesson('risks', 'zh') "
                              "(the file's lesson and language)"]


def test_parity_fails_on_other_code_that_differs(course):
    write_nb(course, "en", notebook(("code", "L.header()"), ("md", GOOD_EN), ("code", 'L.diagram("x")')))
    write_nb(course, "zh", notebook(("code", "L.warning_signs()"), ("md", ZH_OK), ("code", 'L.diagram("x")')))
    assert parity(course) == [f"{ZH_FILE}: other code cells differ from English (language aside): "
                              "'L.warning_signs()' where English has 'L.header()'"]


def test_one_missing_cell_is_one_problem_and_later_cells_still_match(course):
    notes = ("md", "Say: read the list.", ["notes"])
    write_nb(course, "en", notebook(("md", GOOD_EN), notes, ("md", "## More\n\nA <dfn>cut</dfn> heals."),
                                    ("code", 'L.diagram("x")')))
    write_nb(course, "zh", notebook(("md", ZH_OK), ("md", "## 更多\n\n<dfn>刀口</dfn>会愈合。"),
                                    ("code", 'L.diagram("x")')))
    assert parity(course) == [
        f"{ZH_FILE}: cell structure differs from notebooks/en/00-risks.ipynb (3 cells vs 4); first difference "
        "at cell 1: markdown cell, tags [], slide type -, where English has markdown cell, tags [notes], "
        "slide type -"]
    assert glossary_terms(course) == []          # zh cell 1 stands for English cell 2
    write_nb(course, "zh", notebook(("md", ZH_OK), ("md", "## 更多\n\n刀口会愈合。"), ("code", 'L.diagram("x")')))
    assert glossary_terms(course) == [
        f"{ZH_FILE}: English cell 2 (cell 1 here): English marks <dfn>cut</dfn> here; mark the glossary's zh "
        "word (切口 / 刀口) with <dfn> in this cell"]


def test_parity_checks_only_the_course_languages(course):
    edit_course(course, "languages: [en, zh]", "languages: [en]")
    (course / ZH_FILE).unlink()
    assert parity(course) == []


# -- 2. every Chinese text field filled --------------------------------------------------------
@pytest.mark.parametrize("old, new, problem", [
    ('title: {en: "Risks", zh: "风险"}', 'title: {en: "Risks"}', "course.yml: lesson 'risks': title: no zh text"),
    ('zh: ["说出主要风险。"]', 'zh: ["说出主要风险。", "再说一个。"]',
     "course.yml: lesson 'risks': objectives: 2 zh items, English has 1"),
    (', zh: "这是一般健康教育，不是医疗建议。"', "", "course.yml: notice: no zh text"),
    ('text: {en: "Trouble breathing", zh: "呼吸困难"}', 'text: {en: "Trouble breathing"}',
     "course.yml: stoplight.zones.red.signs.trouble-breathing: no zh text"),
    ('heading: {en: "Call your care team if you have:", zh: "出现下面的情况，请联系医护团队："}',
     'heading: {en: "Call your care team if you have:"}',
     "course.yml: stoplight.zones.yellow.heading: no zh text"),
])
def test_translations_fail_on_a_course_field_without_chinese(course, old, new, problem):
    edit_course(course, old, new)
    assert translations(course) == [problem]


def test_translations_fail_on_a_quiz_text_without_chinese(course):
    edit_quiz(course, 'feedback: {en: "No.", zh: "不对。"}', 'feedback: {en: "No."}')
    edit_quiz(course, 'title: {en: "Quiz", zh: "测验"}', 'title: {en: "Quiz"}')
    assert translations(course) == [
        "quizzes/risks.yml: title: no zh text",
        "quizzes/risks.yml: question 'main-risk': no zh text for options[1].feedback",
    ]


def test_translations_fail_on_a_glossary_entry_without_chinese(course):
    path = course / "glossary.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(', zh: "血管里凝成的血块。"', ""), encoding="utf-8")
    assert translations(course) == ["glossary.yml: term 'blood-clot': definition: no zh text"]


def test_translations_fail_on_a_diagram_label_without_chinese(course, tmp_path):
    labels = yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))
    del labels["spine-anatomy"]["labels"]["disk"]["zh"]
    path = tmp_path / "labels.yml"
    path.write_text(yaml.safe_dump(labels, allow_unicode=True), encoding="utf-8")
    problems = translations(course, labels_file=path)
    assert problems == [f"{path}: spine-anatomy: labels.disk: the 'zh' text is missing"]


def strings_file(tmp_path, name: str, **edits):
    data = yaml.safe_load((STRINGS_FILE if name == "strings.yml" else UI_FILE).read_text(encoding="utf-8"))
    for key, value in edits.items():
        data[key] = value
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_translations_fail_on_progress_and_interface_strings_without_chinese(course, tmp_path):
    progress = strings_file(tmp_path, "strings.yml", title={"en": "Your progress"},
                            summary={"en": "{done} of {n}", "zh": "已完成{done}课"})
    ui = strings_file(tmp_path, "ui_strings.yml", check={"en": "Check my answer", "zh": " "})
    problems = translations(course, progress_file=progress, ui_file=ui)
    assert [p.split(": ", 1)[1] for p in problems] == [
        "title: no zh text",
        "summary: zh placeholders ['done'], English has ['done', 'n']",
        "check: no zh text",
    ], problems
    assert problems[0].startswith(str(progress)) and problems[2].startswith(str(ui))


def test_month_names_need_chinese_only_if_the_chinese_date_uses_them(course, tmp_path):
    real = yaml.safe_load(STRINGS_FILE.read_text(encoding="utf-8"))
    assert "zh" not in real["months"] and "{month}" not in real["day_format"]["zh"]
    progress = strings_file(tmp_path, "strings.yml")
    assert translations(course, progress_file=progress) == []
    progress = strings_file(tmp_path, "strings.yml", day_format={"en": "{month} {d}", "zh": "{month}{d}日"})
    assert [p.split(": ", 1)[1] for p in translations(course, progress_file=progress)] == ["months: no zh text"]
    progress = strings_file(tmp_path, "strings.yml", day_format={"en": "{month} {d}", "zh": "{mon}月{d}日"})
    assert [p.split(": ", 1)[1] for p in translations(course, progress_file=progress)] == [
        "day_format: zh placeholders ['mon'] are not filled in by the code (it passes ['d', 'm', 'month'])"]


def test_translations_are_not_asked_for_before_chinese_is_a_course_language(course):
    edit_course(course, 'title: {en: "Risks", zh: "风险"}', 'title: {en: "Risks"}')
    edit_course(course, "languages: [en, zh]", "languages: [en]")
    assert translations(course) == []


# -- 3. glossary terms used the same way -------------------------------------------------------
def test_glossary_fails_when_chinese_does_not_mark_the_term_where_english_does(course):
    write_nb(course, "zh", notebook(("md", ZH_OK.replace("<dfn>血栓</dfn>", "血栓")), ("code", 'L.diagram("x")')))
    assert glossary_terms(course) == [
        f"{ZH_FILE}: cell 0: English marks <dfn>blood clot</dfn> here; mark the glossary's zh word "
        "(血栓) with <dfn> in this cell"]


def test_glossary_fails_when_chinese_uses_another_word(course):
    write_nb(course, "zh", notebook(("md", ZH_OK.replace("<dfn>血栓</dfn>", "血块")), ("code", 'L.diagram("x")')))
    assert glossary_terms(course) == [
        f"{ZH_FILE}: cell 0: English marks <dfn>blood clot</dfn>, but the lesson never uses the glossary's "
        "zh word for it (血栓)"]


def test_glossary_fails_when_chinese_marks_the_term_in_another_cell(course):
    write_nb(course, "en", notebook(("md", GOOD_EN), ("md", "A clot can be dangerous."), ("code", 'L.diagram("x")')))
    write_nb(course, "zh", notebook(("md", ZH_OK.replace("<dfn>血栓</dfn>", "血栓")),
                                    ("md", "<dfn>血栓</dfn>很危险。"), ("code", 'L.diagram("x")')))
    assert glossary_terms(course) == [
        f"{ZH_FILE}: cell 0: English marks <dfn>blood clot</dfn> here; mark the glossary's zh word "
        "(血栓) with <dfn> in this cell",
        f"{ZH_FILE}: cell 1: <dfn>血栓</dfn> is marked here, but English cell 1 does not mark that term "
        "(blood clot / blood clots)",
    ]


def test_glossary_accepts_a_chinese_alias_and_an_english_alias(course):
    write_nb(course, "en", notebook(("md", "## The main risks\n\nA <dfn>cut</dfn> heals."), ("code", 'L.diagram("x")')))
    write_nb(course, "zh", notebook(("md", "## 主要风险\n\n<dfn>刀口</dfn>会愈合。"), ("code", 'L.diagram("x")')))
    assert glossary_terms(course) == []


# -- 4. no spam in the Chinese sources ----------------------------------------------------------
@pytest.mark.parametrize("cells, where", [
    ([("md", "腰椎滑脱推荐十大正规网赌平台，是一块椎骨向前滑。")], "cell 0"),
    ([("md", "说：“手术很安全。”彩金送不停。", ["notes"])], "cell 0"),
    ([("md", "住院医师：见博彩网站。", ["resident"])], "cell 0"),
    ([("code", "L.header()", [], [{"text/html": "<p>正规网 赌平台</p>"}])], "cell 0 (output)"),
    ([("md", "ｃａｓｉｎｏ")], "cell 0"),
    ([("md", "网\u200b赌")], "cell 0"),
])
def test_spam_is_found_in_a_chinese_notebook(course, cells, where):
    edit_course(course, "languages: [en, zh]", "languages: [en]")   # scanned before zh is a course language
    write_nb(course, "zh", notebook(*cells))
    problems = spam(course)
    assert problems and all(p.startswith(f"{ZH_FILE}: {where}") for p in problems), problems


def test_spam_in_chinese_metadata_glossary_and_quiz_is_found(course):
    nb = notebook(("md", ZH_OK), ("code", 'L.diagram("x")'))
    nb.metadata["title"] = "推荐十大网赌平台"
    write_nb(course, "zh", nb)
    edit_quiz(course, "任何手术都有感染的风险。", "术后请得到椎板切除术。")
    path = course / "glossary.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("血管里凝成的血块。", "百家乐。"), encoding="utf-8")
    found = {p.split(": ")[0] for p in spam(course)}
    assert found == {"glossary.yml", "quizzes/risks.yml", ZH_FILE}, spam(course)


# -- 5. Chinese readability --------------------------------------------------------------------
def zh_sentences(*lengths: int) -> str:
    """Chinese sentences of the given lengths in characters."""
    return "".join("字" * n + "。" for n in lengths)


def test_the_thresholds_are_the_issues():
    assert (ZH_MAX_AVG_CHARS, ZH_MAX_SHARE_OVER_40) == (25, 0.10)


@pytest.mark.parametrize("lengths, problem", [
    ([25, 25, 25], None),                                   # average exactly at the limit
    ([26, 26, 26], "sentences average 26 characters (limit 25)"),
    ([10] * 9 + [41], None),                                # 1 in 10 over 40: at the limit
    ([10] * 8 + [41, 41], "20% of 10 sentences are over 40 characters (limit 10%)"),
])
def test_chinese_reading_limits_per_lesson(course, lengths, problem):
    write_nb(course, "zh", notebook(("md", zh_sentences(*lengths)), ("code", 'L.diagram("x")')))
    problems = reading(course)
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problems[0].startswith(f"{ZH_FILE}: patient text: {problem}"), problems
        assert "longest: cell 0" in problems[0]


def test_chinese_reading_leaves_out_resident_and_notes_cells(course):
    write_nb(course, "zh", notebook(("md", ZH_OK), ("code", 'L.diagram("x")'),
                                    ("md", zh_sentences(60, 60), ["resident"]), ("md", zh_sentences(60), ["notes"])))
    assert reading(course) == []


def test_chinese_reading_fails_on_a_long_quiz_sentence(course):
    edit_quiz(course, "任何手术都有感染的风险。", zh_sentences(45))
    assert reading(course) == ["quizzes/risks.yml: question 'main-risk' (zh): "
                               "17% of 6 sentences are over 40 characters (limit 10%)"]
    # each string is a sentence of its own: prompt, 2 options, 2 feedbacks, explanation


def test_chinese_reading_fails_on_long_course_strings_and_glossary_definitions(course):
    edit_course(course, "这是一般健康教育，不是医疗建议。", zh_sentences(80, 80))
    path = course / "glossary.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("血管里凝成的血块。", zh_sentences(90)),
                    encoding="utf-8")
    problems = reading(course)
    assert [p.split(" (zh)")[0] for p in problems] == [
        "course.yml: notice, titles, objectives and warning signs", "glossary.yml: the definitions"], problems


def test_the_report_prints_the_chinese_measures_and_flags(course):
    write_nb(course, "zh", notebook(("md", "## 主要风险\n\n" + zh_sentences(50, 50)), ("code", 'L.diagram("x")')))
    zh = [r for r in rows(root=course) if r["lang"] == "zh"][0]
    assert zh["avg_sentence_chars"] == pytest.approx((4 + 50 + 50) / 3, abs=0.1) and zh["share_over_40"] == pytest.approx(2 / 3, abs=0.01)
    assert [f for f in zh["flags"] if not f.startswith("PEMAT")] == ["avg sentence > 25 chars", "> 10% of sentences over 40 chars"]
    report = reading_report("zh", root=course)
    assert "avg chars/sent" in report and "share>40" in report and "67%" in report


# -- 6. coverage in Chinese --------------------------------------------------------------------
def zh_places(tmp_path, section: str = "主要风险", phrase: str = "血栓", with_zh: bool = True):
    path = tmp_path / "places.yml"
    path.write_text(yaml.safe_dump({"places": [
        {"fact": n, "title": f"fact {n}", "lesson": "risks",
         "section": {"en": "The main risks", **({"zh": section} if with_zh else {})},
         "phrases": {"en": ["blood clot"], **({"zh": [phrase]} if with_zh else {})}} for n in range(1, 17)]},
        allow_unicode=True), encoding="utf-8")
    return path


def test_chinese_coverage_fails_on_a_missing_phrase_a_missing_section_and_no_zh_side(course, tmp_path):
    assert coverage(course, places_file=zh_places(tmp_path)) == []
    problems = coverage(course, places_file=zh_places(tmp_path, phrase="脑脊液漏"))
    assert len(problems) == 16 and problems[0] == (
        f"{ZH_FILE}: section '主要风险': fact 1 (fact 1): phrase '脑脊液漏' not found")
    problems = coverage(course, places_file=zh_places(tmp_path, section="手术的风险"))
    assert len(problems) == 16 and problems[0].startswith(f"{ZH_FILE}: no section '手术的风险' (fact 1")
    problems = coverage(course, places_file=zh_places(tmp_path, with_zh=False))
    assert len(problems) == 16 and problems[0] == "coverage.yml: fact 1 (fact 1): no zh section or phrases"


def test_every_place_of_the_course_has_a_chinese_side():
    for place in load_coverage().places:
        assert place.section.get("zh") and place.phrases.get("zh"), place.title
        assert all(alt.strip() for phrase in place.phrases["zh"] for alt in phrase.split("|")), place.title

