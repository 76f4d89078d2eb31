"""The problem texts an author reads from the parity and spam checks: the file, the place in it and
what differs, exactly. Written against the mutants that survived scripts/mutation.py in
misscourse/checks/parity.py and the spam part of misscourse/checks/integrity.py."""

from __future__ import annotations

import base64
import json

import nbformat
import pytest

from misscourse.checks import parity, spam
from misscourse.checks.integrity import Unit, spam_problems, yaml_strings

from test_checks import GOOD_EN, course, notebook, write_nb  # noqa: F401  (course: a fixture)

ZH_OK = "## 主要风险\n\n手术都有风险。<dfn>血栓</dfn>是其中之一。您可以在23小时内回家。"
ZH = "notebooks/zh/00-risks.ipynb"
EN = "notebooks/en/00-risks.ipynb"


def _pair(course, en, zh):  # noqa: F811
    write_nb(course, "en", notebook(*en))
    write_nb(course, "zh", notebook(*zh))
    return parity(course)


def test_an_extra_cell_is_named_with_both_counts_and_the_first_difference(course):  # noqa: F811
    got = _pair(course, [("md", GOOD_EN), ("code", 'L.diagram("x")')],
                [("md", ZH_OK), ("md", "另外一段。"), ("code", 'L.diagram("x")')])
    assert got[0] == (f"{ZH}: cell structure differs from {EN} (3 cells vs 2); first difference at cell 1: markdown "
                      "cell, tags [], slide type -, where English has code cell, tags [], slide type -")


def test_a_missing_last_cell_is_named(course):  # noqa: F811
    got = _pair(course, [("md", GOOD_EN), ("code", 'L.diagram("x")'), ("md", "More.")],
                [("md", ZH_OK), ("code", 'L.diagram("x")')])
    assert got == [f"{ZH}: cell structure differs from {EN} (2 cells vs 3); first difference at cell 2: no cell, "
                   "where English has markdown cell, tags [], slide type -"]


def test_different_tags_and_slide_types_are_named(course):  # noqa: F811
    en = notebook(("md", GOOD_EN, ["speaker", "a"]), ("code", 'L.diagram("x")'))
    zh = notebook(("md", ZH_OK, ["a"]), ("code", 'L.diagram("x")'))
    en.cells[1].metadata["slideshow"] = {"slide_type": "fragment"}
    zh.cells[1].metadata["slideshow"] = {"slide_type": "fragment"}
    write_nb(course, "en", en)
    write_nb(course, "zh", zh)
    assert parity(course) == [f"{ZH}: cell structure differs from {EN} (2 cells vs 2); first difference at cell 0: "
                              "markdown cell, tags [a], slide type -, where English has markdown cell, "
                              "tags [a, speaker], slide type -"]
    zh.cells[0].metadata["tags"] = ["speaker", "a"]
    zh.cells[1].metadata["slideshow"] = {"slide_type": "slide"}
    write_nb(course, "zh", zh)
    assert parity(course) == [f"{ZH}: cell structure differs from {EN} (2 cells vs 2); first difference at cell 1: "
                              "code cell, tags [], slide type slide, where English has code cell, tags [], "
                              "slide type fragment"]


def test_heading_levels_are_compared_cell_by_cell(course):  # noqa: F811
    got = _pair(course, [("md", GOOD_EN + "\n### Sub\n"), ("code", 'L.diagram("x")'), ("md", "#### Deep\n\nText.")],
                [("md", ZH_OK + "\n#### 小\n"), ("code", 'L.diagram("x")'), ("md", "### 深\n\n## 新的一节\n\n文字。")])
    assert got == [f"{ZH}: 2 '##' section headers, {EN} has 1",
                   f"{ZH}: cell 0: headings of levels [2, 4], English cell 0 has [2, 3]",
                   f"{ZH}: cell 2: headings of levels [3, 2], English cell 2 has [4]"]


def test_headings_inside_fenced_code_are_not_headings(course):  # noqa: F811
    fenced = ZH_OK + "\n\n```\n## 不是标题\n```\n\n~~~\n# 也不是\n~~~\n"
    assert _pair(course, [("md", GOOD_EN), ("code", 'L.diagram("x")')], [("md", fenced), ("code", 'L.diagram("x")')]) == []


def test_quizzes_and_diagrams_are_named_in_order(course):  # noqa: F811
    got = _pair(course, [("md", GOOD_EN), ("code", 'L.quiz()'), ("code", 'L.diagram("x")\nL.diagram("y")')],
                [("md", ZH_OK), ("code", 'L.quiz("review")'), ("code", 'L.diagram(name="y")\nL.diagram("x")')])
    assert got == [f"{ZH}: quizzes [review] (L.quiz calls), English has [risks]",
                   f"{ZH}: diagrams [y, x] (L.diagram calls), English has [x, y]"]


def test_the_lesson_line_must_name_the_files_lesson_and_language(course):  # noqa: F811
    line = 'from misscourse import lesson; L = lesson("risks", "{}")'
    assert _pair(course, [("code", line.format("en")), ("md", GOOD_EN)],
                 [("code", line.format("zh")), ("md", ZH_OK)]) == []
    assert _pair(course, [("code", line.format("en")), ("md", GOOD_EN)], [("code", line.format("en")), ("md", ZH_OK)]) \
        == [f"{ZH}: cell 0: lesson('risks', 'en') should be lesson('risks', 'zh') (the file's lesson and language)"]


def test_other_code_is_compared_with_spaces_aside_and_the_first_difference_named(course):  # noqa: F811
    assert _pair(course, [("md", GOOD_EN), ("code", "x = 1\ny = 2")], [("md", ZH_OK), ("code", "x  =  1\n\ny = 2")]) == []
    assert _pair(course, [("md", GOOD_EN), ("code", "L.warning_signs()"), ("code", "x = 1")],
                 [("md", ZH_OK), ("code", "L.warning_signs()"), ("code", "x = 2")]) \
        == [f"{ZH}: other code cells differ from English (language aside): 'x = 2' where English has 'x = 1'"]
    got = _pair(course, [("md", GOOD_EN), ("code", "L.warning_signs()")], [("md", ZH_OK), ("code", "L.header()"),
                                                                          ("code", "L.warning_signs()")])
    assert f"{ZH}: other code cells differ from English (language aside): 'L.header()' where English has " \
           "'L.warning_signs()'" in got
    got = _pair(course, [("md", GOOD_EN), ("code", "L.warning_signs()")], [("md", ZH_OK), ("code", 'L.diagram("x")')])
    assert f"{ZH}: other code cells differ from English (language aside): 'none' where English has " \
           "'L.warning_signs()'" in got


def test_only_translations_are_compared_and_a_lesson_missing_in_a_language_is_named(course):  # noqa: F811
    write_nb(course, "en", notebook(("md", GOOD_EN), ("code", 'L.diagram("x")')), stem="99-extra")
    assert parity(course) == [f"notebooks/zh/99-extra.ipynb: notebook missing (not a lesson, but in the English folder)"]
    (course / "notebooks" / "en" / "99-extra.ipynb").unlink()
    (course / "notebooks" / "en" / "00-risks.ipynb").unlink()
    assert parity(course)[0] == f"{EN}: notebook missing (lesson 'risks')"


# -- spam ------------------------------------------------------------------------------------
def test_yaml_strings_are_named_by_their_place():
    data = {"title": {"en": "A"}, "questions": [{"prompt": "B", "n": 3}, "C"]}
    assert list(yaml_strings(data, "")) == [("title.en", "A"), ("questions[0].prompt", "B"), ("questions[1]", "C")]
    assert list(yaml_strings("D", "top")) == [("top", "D")]


def test_a_spam_problem_names_the_place_and_the_word():
    assert spam_problems(Unit("quizzes/x.yml: title.en", "Try our CASINO", "md")) == \
        ["quizzes/x.yml: title.en: spam or mistranslated text 'casino'"]
    assert spam_problems(Unit("here", "A plain sentence about your back.", "md")) == []


def test_an_embedded_svg_is_read_but_other_data_is_not():
    svg = base64.b64encode("<svg><text>jackpot</text></svg>".encode()).decode()
    png = base64.b64encode(b"\x89PNG....casino....").decode()
    assert spam_problems(Unit("a", f'<img src="data:image/svg+xml;base64,{svg}">', "html")) == \
        ["a: spam or mistranslated text 'jackpot'"]
    assert spam_problems(Unit("a", f'<img src="data:text/plain;charset=utf-8;base64,{svg}">', "html")) == \
        ["a: spam or mistranslated text 'jackpot'"]
    assert spam_problems(Unit("a", f'<img src="data:image/png;base64,{png}">', "html")) == []


def test_spam_is_found_in_every_part_of_a_notebook_and_named(course):  # noqa: F811
    nb = notebook(("md", GOOD_EN), ("code", 'L.diagram("x")'))
    nb.metadata["title"] = "poker night"
    nb.cells[1].outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": "<p>彩票</p>", "text/plain": "roulette"},
                               metadata={"note": "baccarat"}),
        nbformat.v4.new_output("stream", name="stdout", text="lottery\n"),
    ]
    write_nb(course, "en", nb)
    got = spam(course)
    for expected in [f"{EN}: metadata: spam or mistranslated text 'poker'",
                     f"{EN}: cell 1 (output): spam or mistranslated text '彩票'",
                     f"{EN}: cell 1 (output): spam or mistranslated text 'roulette'",
                     f"{EN}: cell 1 (output): spam or mistranslated text 'baccarat'",
                     f"{EN}: cell 1 (output): spam or mistranslated text 'lottery'"]:
        assert expected in got, (expected, got)


def test_spam_in_yaml_svg_and_package_files_is_named(course):  # noqa: F811
    (course / "glossary.yml").write_text((course / "glossary.yml").read_text(encoding="utf-8")
                                         + "\n# sportsbook\n", encoding="utf-8")
    (course / "assets" / "diagrams").mkdir(parents=True)
    (course / "assets" / "diagrams" / "d.en.svg").write_text("<svg><text>bet365</text></svg>", encoding="utf-8")
    (course / "misscourse" / "data").mkdir(parents=True)
    (course / "misscourse" / "data" / "x.yml").write_text(json.dumps({"a": ["slot machine"]}), encoding="utf-8")
    got = spam(course)
    assert "glossary.yml: spam or mistranslated text 'sportsbook'" in got
    assert "assets/diagrams/d.en.svg: spam or mistranslated text 'bet365'" in got
    assert "misscourse/data/x.yml: a[0]: spam or mistranslated text 'slot machine'" in got


def test_a_clean_course_has_no_spam(course):  # noqa: F811
    assert spam(course) == []


@pytest.mark.parametrize("text", ["网\u3000赌", "网\n赌", "赌 博"])
def test_chinese_split_by_any_space_is_joined(text):
    assert spam_problems(Unit("a", text, "md"))


def test_spam_in_the_course_file_is_named_by_its_place(course):  # noqa: F811
    path = course / "course.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\nextra: {note: \"Lottery tickets\"}\n", encoding="utf-8")
    got = spam(course)
    assert "course.yml: extra.note: spam or mistranslated text 'lottery'" in got
    assert "course.yml: spam or mistranslated text 'lottery'" in got  # the whole file, comments included


@pytest.mark.parametrize("text, word", [
    ("SLOT-MACHINE nights", "slot machine"),          # a two-word entry, upper case, joined by a hyphen
    ("b.e.t.t.i.n.g", "betting"),                     # split by punctuation
    ("ＢＥＴ３６５", "bet365"),                          # full-width letters and digits
    ("网 · 赌", "网赌"),                                 # Chinese split by a space and a middle dot
    ("得到 椎板切除术", "得到椎板切除术"),                 # the machine-translation slip, split
])
def test_disguised_spam_names_the_word_from_the_list(text, word):
    assert spam_problems(Unit("here", f"Some text. {text}. More text.", "md")) == \
        [f"here: spam or mistranslated text {word!r}"]


def test_every_piece_of_a_notebook_is_read_and_named(course):  # noqa: F811
    from misscourse.checks.integrity import units

    nb = notebook(("md", "Words."), ("code", "x = 1"))
    nb.metadata["note"] = "meta"
    nb.cells[1].outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": "<p>H</p>", "image/png": "iVBOR",
                                                     "text/plain": "", "application/json": {"a": 1}},
                               metadata={"m": 1}),
        nbformat.v4.new_output("stream", name="stdout", text="printed\n"),
    ]
    path = write_nb(course, "en", nb)
    got = list(units(path, course))
    where = "notebooks/en/00-risks.ipynb"
    assert got[0].where == f"{where}: metadata" and got[0].kind == "data" and '"note": "meta"' in got[0].text
    assert [tuple(u) for u in got[1:3]] == [(f"{where}: cell 0", "Words.", "md"), (f"{where}: cell 1", "x = 1", "data")]
    # the outputs in order; within one output its formats (an empty one left out), then its metadata
    first, second = got[3:7], got[7:]
    assert sorted(tuple(u) for u in first[:3]) == sorted([
        (f"{where}: cell 1 (output)", "<p>H</p>", "html"),
        (f"{where}: cell 1 (output)", "image/png", "image"),
        (f"{where}: cell 1 (output)", '{"a": 1}', "data"),
    ])
    assert tuple(first[3]) == (f"{where}: cell 1 (output)", '{"m": 1}', "data")
    assert [tuple(u) for u in second] == [(f"{where}: cell 1 (output)", "printed\n", "data"),
                                          (f"{where}: cell 1 (output)", "{}", "data")]


def test_every_piece_of_a_yaml_and_an_svg_file_is_read_and_named(course):  # noqa: F811
    from misscourse.checks.integrity import course_sources, units

    data = course / "misscourse" / "data" / "x.yml"
    data.parent.mkdir(parents=True)
    data.write_text("# a comment\na: [b, {c: d}]\n", encoding="utf-8")
    svg = course / "assets" / "d.svg"
    svg.parent.mkdir(parents=True)
    svg.write_text("<svg><text>t</text></svg>", encoding="utf-8")
    assert [tuple(u) for u in units(data, course)] == [
        ("misscourse/data/x.yml", "# a comment\na: [b, {c: d}]\n", "data"),
        ("misscourse/data/x.yml: a[0]", "b", "md"),
        ("misscourse/data/x.yml: a[1].c", "d", "md"),
    ]
    assert [tuple(u) for u in units(svg, course)] == [("assets/d.svg", "<svg><text>t</text></svg>", "html")]
    sources = [p.relative_to(course).as_posix() for p in course_sources(course)]
    assert sources[:3] == ["course.yml", "glossary.yml", "quizzes/risks.yml"]
    assert sources[-2:] == ["assets/d.svg", "misscourse/data/x.yml"]
    assert all((course / s).exists() for s in sources)


# -- parity: the survivors of the second run ---------------------------------------------------
def test_an_empty_quiz_call_means_the_lessons_first_quiz_in_every_language(course):  # noqa: F811
    assert _pair(course, [("md", GOOD_EN), ("code", "L.quiz()")], [("md", ZH_OK), ("code", "L.quiz()")]) == []
    assert _pair(course, [("md", GOOD_EN), ("code", 'L.quiz("risks")')], [("md", ZH_OK), ("code", "L.quiz()")]) == []


def test_an_empty_quiz_call_outside_a_lesson_and_an_empty_diagram_call_are_named(course):  # noqa: F811
    write_nb(course, "en", notebook(("md", GOOD_EN)))
    write_nb(course, "zh", notebook(("md", ZH_OK)))
    write_nb(course, "en", notebook(("md", GOOD_EN), ("code", "L.quiz()"), ("code", "L.diagram()")), stem="99-extra")
    write_nb(course, "zh", notebook(("md", ZH_OK), ("code", 'L.quiz("risks")'), ("code", 'L.diagram("x")')),
             stem="99-extra")
    extra = "notebooks/zh/99-extra.ipynb"
    assert parity(course) == [f"{extra}: quizzes [risks] (L.quiz calls), English has [?]",
                              f"{extra}: diagrams [x] (L.diagram calls), English has []"]


def test_calls_with_a_variable_and_other_method_calls_are_read_without_a_crash(course):  # noqa: F811
    en = [("md", GOOD_EN), ("code", 'name = "x".upper()\nL.diagram(name)\nL.diagram(3)')]
    assert _pair(course, en, [("md", ZH_OK), ("code", 'name = "x".upper()\nL.diagram(name)\nL.diagram(3)')]) == []
    assert _pair(course, en, [("md", ZH_OK), ("code", 'name = "x".upper()\nL.diagram(other)\nL.diagram(3)')]) == [
        f"{ZH}: diagrams [other, 3] (L.diagram calls), English has [name, 3]"]


def test_a_cell_with_ipython_magics_is_read_by_the_names_of_its_calls(course):  # noqa: F811
    en = [("md", GOOD_EN), ("code", 'L.diagram("x")'), ("code", "L.quiz()")]
    zh = [("md", ZH_OK), ("code", '%%time\nL.diagram("x")'), ("code", "L.quiz()")]
    assert _pair(course, en, zh) == [f"{ZH}: diagrams [?] (L.diagram calls), English has [x]"]
    zh = [("md", ZH_OK), ("code", '%%time\nL.diagram("x")'), ("code", 'L.quiz("review")')]
    assert _pair(course, en, zh) == [f"{ZH}: quizzes [review] (L.quiz calls), English has [risks]",
                                     f"{ZH}: diagrams [?] (L.diagram calls), English has [x]"]


def test_an_extra_last_cell_says_english_has_no_cell_there(course):  # noqa: F811
    got = _pair(course, [("md", GOOD_EN), ("code", 'L.diagram("x")')],
                [("md", ZH_OK), ("code", 'L.diagram("x")'), ("md", "多一段。")])
    assert got == [f"{ZH}: cell structure differs from {EN} (3 cells vs 2); first difference at cell 2: markdown "
                   "cell, tags [], slide type -, where English has no cell"]


def test_spam_in_a_yaml_list_at_the_top_is_named_by_its_index(course):  # noqa: F811
    (course / "misscourse" / "data").mkdir(parents=True)
    (course / "misscourse" / "data" / "x.yml").write_text("- fine\n- Casino nights\n", encoding="utf-8")
    assert "misscourse/data/x.yml: [1]: spam or mistranslated text 'casino'" in spam(course)


def test_an_embedded_text_that_is_not_utf8_is_still_read():
    blob = base64.b64encode(b"\xff\xfe casino \xc3").decode()
    assert spam_problems(Unit("a", f'<img src="data:text/plain;base64,{blob}">', "html")) == \
        ["a: spam or mistranslated text 'casino'"]


def test_chinese_spam_in_json_output_data_is_found(course):  # noqa: F811
    nb = notebook(("md", GOOD_EN), ("code", "x = 1"))
    nb.cells[1].outputs = [nbformat.v4.new_output("display_data", data={"application/json": {"note": "网赌平台"}}),
                           nbformat.v4.new_output("display_data", data={"text/plain": "ok"}, metadata={"n": "彩票"})]
    write_nb(course, "en", nb)
    got = spam(course)
    assert f"{EN}: cell 1 (output): spam or mistranslated text '网赌'" in got
    assert f"{EN}: cell 1 (output): spam or mistranslated text '彩票'" in got


def test_calls_before_a_cell_with_magics_are_kept(course):  # noqa: F811
    en = [("md", GOOD_EN), ("code", "L.quiz()"), ("code", 'L.diagram("x")')]
    zh = [("md", ZH_OK), ("code", "L.quiz()"), ("code", '%%time\nL.diagram("x")')]
    assert _pair(course, en, zh) == [f"{ZH}: diagrams [?] (L.diagram calls), English has [x]"]


def test_an_extra_other_code_cell_says_english_has_none(course):  # noqa: F811
    got = _pair(course, [("md", GOOD_EN), ("code", "L.warning_signs()")],
                [("md", ZH_OK), ("code", "L.warning_signs()"), ("code", "x = 1")])
    assert f"{ZH}: other code cells differ from English (language aside): 'x = 1' where English has 'none'" in got


def test_cells_after_an_extra_one_are_compared_with_their_own_english_cells(course):  # noqa: F811
    got = _pair(course, [("md", GOOD_EN), ("md", "### B\n\nText."), ("md", "#### C\n\nText.")],
                [("code", "x = 1"), ("md", ZH_OK), ("md", "### 乙\n\n文字。"), ("md", "#### 丙\n\n文字。")])
    assert got[0].startswith(f"{ZH}: cell structure differs from {EN} (4 cells vs 3)")
    assert not [p for p in got if "headings of levels" in p], got
