"""The diagrams: accessible, palette-only, deterministic SVG whose words all come from labels.yml,
and committed files that match the code."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from itertools import combinations

import pytest
import yaml

from misscourse import diagrams, paths
from misscourse.course import course
from misscourse.diagrams.labels import LABELS_FILE
from misscourse.diagrams.svg import (BLACK, BLUE, BREAK, WHITE, allowed_colour, contrast,
                                     text_width)
from misscourse.sourcefile import SourceError
from misscourse.text import HTML_LANG, LANGUAGES

NS = "{http://www.w3.org/2000/svg}"
CASES = [(name, lang) for name in diagrams.NAMES for lang in LANGUAGES]
COLOUR_ATTRS = ("fill", "stroke", "stop-color", "color", "flood-color", "lighting-color")
SPAM = ("赌", "博彩", "彩票", "推荐十大", "娱乐城", "casino", "gambl", "betting", "lottery", "poker")


@pytest.fixture(scope="module")
def svgs() -> dict[tuple[str, str], str]:
    return {case: diagrams.render(*case) for case in CASES}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text.replace(BREAK, ""))


def shown_texts(root: ET.Element) -> list[str]:
    return ["".join(el.itertext()) for el in root.iter(f"{NS}text")]


def test_names_in_course_order():
    assert diagrams.NAMES == ("spine-anatomy", "open-vs-miss", "conditions", "tubular-retractor",
                              "operations", "surgery-day", "recovery-timeline",
                              "incentive-spirometer", "log-roll", "safe-lifting", "stoplight")


# -- accessibility -----------------------------------------------------------------------------
@pytest.mark.parametrize("name,lang", CASES)
def test_accessible_root(name, lang, svgs):
    root = parse(svgs[name, lang])
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert root.get("lang") == HTML_LANG[lang]
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox"))
    assert "Noto Sans CJK SC" in root.get("font-family")
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    entry = diagrams.load_labels().entry(name)
    assert title.text == entry.title[lang]
    assert desc.text == diagrams.describe(name, lang)[0] == entry.alt[lang]


@pytest.mark.parametrize("name,lang", CASES)
def test_every_label_is_shown_as_text(name, lang, svgs):
    texts = [squeeze(t) for t in shown_texts(parse(svgs[name, lang]))]
    labels = diagrams.load_labels().entry(name).labels
    missing = [key for key, words in labels.items()
               if not any(squeeze(words[lang]) in t for t in texts)]
    assert not missing, f"{name}.{lang}: labels not drawn: {missing}"


@pytest.mark.parametrize("name,lang", CASES)
def test_text_is_large_and_inside_the_picture(name, lang, svgs):
    root = parse(svgs[name, lang])
    _, _, width, height = map(float, root.get("viewBox").split())
    for el in root.iter(f"{NS}text"):
        size = float(el.get("font-size"))
        assert size >= 14, f"{name}.{lang}: text smaller than 14: {''.join(el.itertext())!r}"
        bold = el.get("font-weight") == "bold"
        for span in el.iter(f"{NS}tspan"):
            x, y, w = float(span.get("x")), float(span.get("y")), text_width(span.text, size, bold)
            left = {"start": x, "middle": x - w / 2, "end": x - w}[el.get("text-anchor")]
            assert left >= 0 and left + w <= width, f"{name}.{lang}: {span.text!r} runs off the side"
            assert size * 0.8 <= y <= height, f"{name}.{lang}: {span.text!r} runs off the top/bottom"


@pytest.mark.parametrize("name,lang", CASES)
def test_ids_are_unique_and_named_after_the_diagram(name, lang, svgs):
    ids = [el.get("id") for el in parse(svgs[name, lang]).iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    assert all(i.startswith(f"{name}-{lang}-") for i in ids)     # safe to inline several SVGs


def test_chinese_diagrams_are_in_chinese(svgs):
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for name in diagrams.NAMES:
        root = parse(svgs[name, "zh"])
        for el in root.iter(f"{NS}text"):
            text = "".join(el.itertext())
            if el.get("lang") != "en" and not re.fullmatch(r"L?\d+", text):   # L1 names a bone everywhere
                assert cjk.search(text), f"{name}.zh: untranslated text {text!r}"


# -- colours -----------------------------------------------------------------------------------
def _colours(root: ET.Element):
    for el in root.iter():
        values = [el.get(attr) for attr in COLOUR_ATTRS if el.get(attr)]
        for decl in (el.get("style") or "").split(";"):
            prop, _, value = decl.partition(":")
            if prop.strip() in COLOUR_ATTRS:
                values.append(value)
        for value in values:
            yield el, value.strip()


@pytest.mark.parametrize("name,lang", CASES)
def test_only_palette_colours(name, lang, svgs):
    root = parse(svgs[name, lang])
    ids = {el.get("id") for el in root.iter()}
    for el, value in _colours(root):
        ref = re.fullmatch(r"url\(#([\w-]+)\)", value)
        if ref:
            assert ref.group(1) in ids, f"{name}.{lang}: fill points at a missing {value}"
        else:
            assert allowed_colour(value), f"{name}.{lang}: {el.tag} uses {value}"


def test_palette_check_can_fail():
    assert allowed_colour("#E69F00") and allowed_colour("#9e9e9e") and allowed_colour("none")
    assert not allowed_colour("#FF0000") and not allowed_colour("red")


@pytest.mark.parametrize("name,lang", CASES)
def test_text_colours_contrast_with_their_background(name, lang, svgs):
    drawing = diagrams.build(name, lang)
    fills = {value for _, value in _colours(parse(svgs[name, lang]))}
    assert drawing.text_pairs
    for colour, background in drawing.text_pairs:
        assert colour in (BLACK, BLUE), f"{name}.{lang}: text colour {colour}"
        assert background == WHITE or background in fills, f"{name}.{lang}: {background} unused"
        assert contrast(colour, background) >= 4.5, f"{name}.{lang}: {colour} on {background}"
    for el in parse(svgs[name, lang]).iter(f"{NS}text"):
        assert el.get("fill") in (BLACK, BLUE)


def test_contrast_formula():
    assert contrast(BLACK, WHITE) == pytest.approx(21)
    assert contrast(BLUE, WHITE) >= 4.5 > contrast("#56B4E9", WHITE)


@pytest.mark.parametrize("name", diagrams.NAMES)
def test_regions_read_in_greyscale(name, svgs):
    """Meaningful areas differ in lightness, or each carries its own non-colour cue
    (a stripe pattern, a dashed or black edge, an icon)."""
    drawing = diagrams.build(name, "en")
    svg = svgs[name, "en"]
    for region, fill, cue in drawing.regions:
        assert cue.strip(), f"{name}: region {region} has no non-colour cue"
        if "stripes" in cue:
            assert f'fill="url(#{name}-en-{region})"' in svg, f"{name}: {region} stripes unused"
    for (a, fa, ca), (b, fb, cb) in combinations(drawing.regions, 2):
        assert contrast(fa, fb) >= 1.4 or ca != cb, f"{name}: {a} and {b} look alike in grey"


# -- safety --------------------------------------------------------------------------------------
@pytest.mark.parametrize("name,lang", CASES)
def test_nothing_external_or_active(name, lang, svgs):
    root = parse(svgs[name, lang])
    tags = {el.tag.removeprefix(NS) for el in root.iter()}
    assert not tags & {"image", "script", "foreignObject", "style", "a", "use", "iframe"}
    for el in root.iter():
        for attr, value in el.attrib.items():
            assert "href" not in attr and not attr.startswith("on"), f"{name}: {attr}"
            assert not re.search(r"https?:|data:|javascript:", value) or attr == "xmlns"


def test_no_spam_in_labels_or_pictures(svgs):
    sources = [LABELS_FILE.read_text(encoding="utf-8"), *svgs.values()]
    for text in sources:
        low = text.casefold()
        assert not [word for word in SPAM if word in low]


# -- files and determinism ---------------------------------------------------------------------
@pytest.mark.parametrize("name,lang", CASES)
def test_render_is_deterministic(name, lang, svgs):
    assert diagrams.render(name, lang) == svgs[name, lang]


def test_committed_files_match_the_code():
    assert diagrams.stale() == [], "run: python -m misscourse.diagrams"


def test_stale_reports_changed_and_missing_files(tmp_path):
    shutil.copytree(paths.root() / "assets" / "diagrams", tmp_path / "assets" / "diagrams")
    assert diagrams.stale(tmp_path) == []
    changed = diagrams.asset_path("conditions", "zh", tmp_path)
    changed.write_text(changed.read_text(encoding="utf-8").replace("椎管", "椎官"), encoding="utf-8")
    diagrams.asset_path("surgery-day", "en", tmp_path).unlink()
    assert diagrams.stale(tmp_path) == ["assets/diagrams/conditions.zh.svg",
                                        "assets/diagrams/surgery-day.en.svg"]


def test_write_all_writes_every_file(tmp_path):
    written = diagrams.write_all(tmp_path)
    assert len(written) == len(diagrams.NAMES) * len(LANGUAGES)
    assert written[0] == tmp_path / "assets" / "diagrams" / "spine-anatomy.en.svg"
    assert diagrams.stale(tmp_path) == []


def test_entry_point_check(capsys):
    assert diagrams.main(["--check"]) == 0
    assert capsys.readouterr().out == ""


def test_unknown_name_or_language():
    with pytest.raises(KeyError, match=r"spine-anatomie.*known: spine-anatomy, open-vs-miss"):
        diagrams.render("spine-anatomie", "en")
    with pytest.raises(ValueError, match=r"'fr' for diagram 'conditions'.*known: en, zh"):
        diagrams.render("conditions", "fr")
    with pytest.raises(KeyError, match="known"):
        diagrams.asset_path("nope", "en")


def test_describe_gives_alt_and_caption():
    for name in diagrams.NAMES:
        alt_en, caption_en = diagrams.describe(name, "en")
        alt_zh, caption_zh = diagrams.describe(name, "zh")
        assert alt_en and caption_en and alt_en != caption_en
        assert alt_zh != alt_en and caption_zh != caption_en


# -- the labels file ---------------------------------------------------------------------------
def _broken_copy(tmp_path, change) -> str:
    data = yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "labels.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_labels_missing_translation_names_file_diagram_and_key(tmp_path):
    path = _broken_copy(tmp_path, lambda d: d["spine-anatomy"]["labels"]["disk"].pop("zh"))
    with pytest.raises(SourceError) as err:
        diagrams.load_labels(path)
    message = str(err.value)
    assert path in message and "spine-anatomy" in message and "disk" in message and "'zh'" in message


def test_labels_missing_key_names_file_diagram_and_key(tmp_path):
    path = _broken_copy(tmp_path, lambda d: d["conditions"]["labels"].pop("stenosis_text"))
    book = diagrams.load_labels(path)                   # valid on its own ...
    with pytest.raises(SourceError) as err:             # ... but the drawing needs the key
        diagrams.render("conditions", "zh", labels=book)
    message = str(err.value)
    assert path in message and "conditions" in message and "'stenosis_text'" in message


def test_labels_missing_or_unknown_diagram(tmp_path):
    path = _broken_copy(tmp_path, lambda d: d.pop("surgery-day"))
    with pytest.raises(SourceError, match=r"labels\.yml, surgery-day: no entry"):
        diagrams.load_labels(path)
    path = _broken_copy(tmp_path, lambda d: d.update({"spine-anatomie": d["spine-anatomy"]}))
    with pytest.raises(SourceError, match=r"spine-anatomie: not a diagram"):
        diagrams.load_labels(path)


def test_labels_bad_key_and_empty_text(tmp_path):
    path = _broken_copy(tmp_path, lambda d: d["open-vs-miss"]["labels"].update(
        {"Long Cut": {"en": "x", "zh": "x"}}))
    with pytest.raises(SourceError, match=r"open-vs-miss.*'Long Cut'"):
        diagrams.load_labels(path)
    path = _broken_copy(tmp_path, lambda d: d["stoplight"]["caption"].update({"zh": " "}))
    with pytest.raises(SourceError, match=r"stoplight: caption"):
        diagrams.load_labels(path)


# -- the stoplight action plan (course.yml: stoplight and local) ---------------------------------
def _zone_groups(root: ET.Element, lang: str) -> dict[str, ET.Element]:
    return {g.get("id").removeprefix(f"stoplight-{lang}-"): g for g in root.iter(f"{NS}g")
            if (g.get("id") or "").startswith(f"stoplight-{lang}-")}


def _texts(el: ET.Element) -> list[str]:
    return [squeeze(t) for t in shown_texts(el)]


def test_stoplight_shows_every_sign_in_its_zone(svgs):
    c = course()
    plan = c.stoplight
    for lang in LANGUAGES:
        root = parse(svgs["stoplight", lang])
        groups = _zone_groups(root, lang)
        assert list(groups) == ["green", "yellow", "red"], f"{lang}: zones {list(groups)}"
        tops = [float(g.find(f"{NS}rect").get("y")) for g in groups.values()]
        assert tops == sorted(tops), f"{lang}: zones not top to bottom"
        for zone in plan.zones:
            mine = _texts(groups[zone.id])
            others = [t for z, g in groups.items() if z != zone.id for t in _texts(g)]
            for part in (zone.heading, zone.action, *(sign.text for sign in zone.signs)):
                words = squeeze(c.fill(part[lang], lang))
                assert words in mine, f"{lang}: {words!r} is not in the {zone.id} zone"
                assert words not in others, f"{lang}: {words!r} is in another zone too"
        everything = _texts(root)
        for part in (plan.title, plan.source):
            assert squeeze(c.fill(part[lang], lang)) in everything


def test_stoplight_numbers_come_from_the_local_settings(svgs):
    c = course()
    for lang in LANGUAGES:
        red = "".join(_texts(_zone_groups(parse(svgs["stoplight", lang]), lang)["red"]))
        assert c.local.emergency(lang) in red
    assert "120" in svgs["stoplight", "zh"] and "911" not in svgs["stoplight", "zh"]
    assert "911" in svgs["stoplight", "en"]
    assert not re.search(r"\{(emergency|care_team_phone)\}", "".join(svgs[k] for k in svgs))


def _course_copy(tmp_path, monkeypatch, change) -> None:
    data = yaml.safe_load(paths.course_file().read_text(encoding="utf-8"))
    change(data)
    (tmp_path / "course.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("MISSCOURSE_ROOT", str(tmp_path))


def test_stoplight_shows_a_set_phone_or_a_blank_line(tmp_path, monkeypatch):
    blank = _zone_groups(parse(diagrams.render("stoplight", "en")), "en")["yellow"]
    if not course().local.care_team_phone:
        assert "________" in "".join(_texts(blank))

    def change(data):
        data["local"]["care_team_phone"] = "555 0100"
        data["local"]["emergency_number"] = {"en": "999", "zh": "120"}
    _course_copy(tmp_path, monkeypatch, change)
    for lang in LANGUAGES:
        groups = _zone_groups(parse(diagrams.render("stoplight", lang)), lang)
        assert "5550100" in "".join(_texts(groups["yellow"]))
    en = diagrams.render("stoplight", "en")
    assert "999" in en and "911" not in en


def test_stoplight_zones_differ_by_more_than_colour():
    drawing = diagrams.build("stoplight", "en")
    cues = {name: cue for name, _, cue in drawing.regions if name.endswith(" zone")}
    assert set(cues) == {"green zone", "yellow zone", "red zone"}
    assert len(set(cues.values())) == 3
    groups = _zone_groups(parse(diagrams.render("stoplight", "en")), "en")
    widths = {z: [r.get("stroke-width") for r in g.iter(f"{NS}rect") if r.get("rx") == "12"]
              for z, g in groups.items()}
    assert widths["green"] == ["2"] and widths["yellow"] == ["5"]
    assert len([r for r in groups["red"].iter(f"{NS}rect") if r.get("fill") in ("none", "#F2F2F2")
                and r.get("stroke") == BLACK]) == 2                       # a double border
    shapes = {z: sorted({el.tag.removeprefix(NS) for el in g.iter()
                         if el.tag.removeprefix(NS) in ("circle", "polygon", "polyline")})
              for z, g in groups.items()}
    assert "polyline" in shapes["green"] and "polygon" in shapes["yellow"]
    assert "polygon" in shapes["red"]
    headings = [squeeze(course().fill(z.heading["en"], "en")) for z in course().stoplight.zones]
    assert [h.split(":")[0] for h in headings] == ["Green", "Yellow", "Red"]  # a word, not only a colour


def test_stoplight_wraps_long_signs_inside_its_border(tmp_path, monkeypatch):
    from misscourse.diagrams.stoplight import RIGHT, SIGN_X

    def change(data):
        sign = data["stoplight"]["zones"][1]["signs"][0]
        sign["text"] = {"en": "A very long sign " * 12, "zh": "一条很长的警示信号" * 12}
    _course_copy(tmp_path, monkeypatch, change)
    for lang in LANGUAGES:
        root = parse(diagrams.render("stoplight", lang))
        spans = [(el, span) for el in root.iter(f"{NS}text") for span in el.iter(f"{NS}tspan")
                 if float(span.get("x")) >= SIGN_X]
        for el, span in spans:
            size, bold = float(el.get("font-size")), el.get("font-weight") == "bold"
            assert float(span.get("x")) + text_width(span.text, size, bold) <= RIGHT
        assert [el for el, _ in spans if len(list(el.iter(f"{NS}tspan"))) >= 3], \
            f"{lang}: the long sign was not wrapped"
    zh = parse(diagrams.render("stoplight", "zh"))
    assert not [el for el in zh.iter(f"{NS}text") if el.get("lang")], "translated text marked en"


def test_stoplight_falls_back_to_english_marked_as_english(tmp_path, monkeypatch):
    def change(data):
        del data["stoplight"]["zones"][2]["signs"][0]["text"]["zh"]
    _course_copy(tmp_path, monkeypatch, change)
    root = parse(diagrams.render("stoplight", "zh"))
    marked = [el for el in root.iter(f"{NS}text") if el.get("lang") == "en"]
    assert marked and all(not re.search(r"[\u4e00-\u9fff]", "".join(el.itertext())) for el in marked)


# -- the new how-to diagrams: both languages, alt text, captions, sources, phone-sized words ------
NEW = ("operations", "incentive-spirometer", "log-roll", "safe-lifting", "stoplight")
PHONE = diagrams.NAMES
SOURCED = {"incentive-spirometer": ("USC", "10 times every hour", "BayCare"),
           "safe-lifting": ("Fairview", "Massachusetts General Hospital", "gallon of milk"),
           "recovery-timeline": ("MedlinePlus", "3 to 4 months")}


@pytest.mark.parametrize("name", NEW)
def test_new_diagrams_exist_in_every_language_with_alt_and_caption(name):
    for lang in LANGUAGES:
        assert diagrams.asset_path(name, lang).is_file(), f"{name}.{lang}.svg is missing"
        alt, caption = diagrams.describe(name, lang)
        assert len(alt) > 60 and len(caption) > 30, f"{name}.{lang}: alt or caption too short"


@pytest.mark.parametrize("name", sorted(SOURCED))
def test_sourced_facts_name_their_source(name, svgs):
    metadata = parse(svgs[name, "en"]).find(f"{NS}metadata")
    assert metadata is not None, f"{name}: no <metadata> with its sources"
    for words in SOURCED[name]:
        assert words in metadata.text, f"{name}: the source does not say {words!r}"
    assert parse(svgs[name, "zh"]).find(f"{NS}metadata").text.startswith("来源")


@pytest.mark.parametrize("name,lang", [(n, lang) for n in PHONE for lang in LANGUAGES])
def test_words_are_readable_on_a_360_px_phone(name, lang, svgs):
    """Scaled to a 360 px screen, the smallest words stay at least 12 px high."""
    root = parse(svgs[name, lang])
    width = float(root.get("viewBox").split()[2])
    smallest = min(float(el.get("font-size")) for el in root.iter(f"{NS}text"))
    assert smallest * 360 / width >= 12, f"{name}.{lang}: {smallest} px words on {width} px"


def test_same_day_and_going_home_words_agree_with_the_course():
    labels = diagrams.load_labels().entry("recovery-timeline").labels
    assert "23 hours" in labels["hours_2"]["en"] and "23小时" in labels["hours_2"]["zh"]
    assert "一两个小时" in labels["hours_1"]["zh"] and "几个小时" not in labels["hours_1"]["zh"]
    assert "家人" in labels["hours_3"]["zh"] and "must drive" not in labels["hours_3"]["en"]
    text = LABELS_FILE.read_text(encoding="utf-8")
    assert "911" not in text and "用力" not in text and "激励式肺量计" not in text


# -- the spine: the cord ends near L1-L2, nerve roots go on below --------------------------------
def test_anatomy_shows_the_cord_ending_at_l1_l2(svgs):
    drawing = diagrams.build("spine-anatomy", "en")
    tip, l1, l2 = drawing.marks["conus"], drawing.marks["L1"], drawing.marks["L2"]
    assert l1[1] < tip[1] < l2[1], "the cord must end between the L1 and L2 bones"
    conus = diagrams.load_labels().entry("spine-anatomy").labels["conus"]
    for lang in LANGUAGES:
        root = parse(svgs["spine-anatomy", lang])
        texts = [squeeze(t) for t in shown_texts(root)]
        assert [f"L{n}" for n in range(1, 6)] == [t for t in texts if re.fullmatch(r"L\d", t)]
        label = [t for t in texts if squeeze(conus[lang]) in t]
        assert label and "L1" in label[0] and "L2" in label[0], f"{lang}: the cord's end is not named"
        dots = [(float(c.get("cx")), float(c.get("cy"))) for c in root.iter(f"{NS}circle")]
        assert any(abs(x - tip[0]) < 6 and abs(y - tip[1]) < 2 for x, y in dots), \
            f"{lang}: no leader ends at the cord's end"
        strands = [p for p in root.iter(f"{NS}path")
                   if p.get("stroke") == "#D55E00" and p.get("stroke-width") == "3"]
        assert len(strands) >= 4, f"{lang}: the nerve roots below the cord (cauda equina) are missing"
        assert all(max(float(v) for v in re.findall(r"[\d.]+", p.get("d"))[1::2]) > l2[1]
                   for p in strands), f"{lang}: nerve roots must run on below L2"
