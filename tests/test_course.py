"""The course file: the one list of lessons, checked with errors that name the item."""

from __future__ import annotations

import pytest
import yaml

from conftest import REPO
from misscourse.course import load_course
from misscourse.sourcefile import SourceError


def write(tmp_path, change):
    data = yaml.safe_load((REPO / "course.yml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "course.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def error_of(path) -> str:
    with pytest.raises(SourceError) as info:
        load_course(path)
    return str(info.value)


def test_the_real_course_file_loads_and_its_plans_fit_their_slots():
    c = load_course()
    assert c.slugs[0] == "welcome" and c.stem("welcome") == "00-welcome" and c.shown_number("welcome") == 1
    for plan in c.plans:
        if plan.minutes:
            assert sum(c.lesson(s).minutes for s in plan.lessons) <= plan.minutes


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["lessons"].append(dict(d["lessons"][0])), "lesson 'welcome' is listed twice"),
    (lambda d: d["plans"][0]["lessons"].append("no-such-lesson"), "names unknown lesson 'no-such-lesson'"),
    (lambda d: d["plans"][0].update(minutes=10), "more than its 10"),
    (lambda d: d["lessons"][0].update(slug="Bad Slug"), "must be lower-case words joined by '-'"),
    (lambda d: d["lessons"][0].update(minutes=0), "minutes"),
    (lambda d: d["lessons"][0]["title"].update(en=""), "empty text for language 'en'"),
    (lambda d: d.update(languages=["en", "fr"]), "unknown language 'fr'"),
])
def test_broken_course_files_name_the_file_and_the_problem(tmp_path, change, expected):
    path = write(tmp_path, change)
    message = error_of(path)
    assert message.startswith(str(path)) and expected in message


# -- local settings and the stoplight ---------------------------------------------------------------
def _zone(d, zone_id):
    return next(z for z in d["stoplight"]["zones"] if z["id"] == zone_id)


def test_the_stoplight_has_three_zones_in_order_and_finds_each_signs_zone():
    c = load_course()
    assert [z.id for z in c.stoplight.zones] == ["green", "yellow", "red"]
    assert c.stoplight.zone_of("fever") == "yellow"
    assert c.stoplight.zone_of("trouble-breathing-chest-pain") == "red"
    assert c.stoplight.zone_of("pain-eased-by-medicine") == "green"
    with pytest.raises(KeyError, match="no sign 'no-such-sign'"):
        c.stoplight.zone_of("no-such-sign")
    for zone in c.stoplight.zones:                   # both languages, every sign
        assert all(set(s.text) == {"en", "zh"} for s in zone.signs), zone.id


def test_the_required_signs_sit_in_their_zones():
    zone_of = load_course().stoplight.zone_of
    expected = {
        "green": ["pain-eased-by-medicine", "light-drainage-first-days", "mild-tiredness", "numbness-same-or-fading"],
        "yellow": ["wound-redness-spreading", "wound-warm-swollen", "wound-pus", "wound-opening", "fever",
                   "pain-not-eased", "no-bowel-movement"],
        "red": ["trouble-breathing-chest-pain", "calf-clot-signs", "new-weakness-numbness", "bladder-bowel-control",
                "spinal-fluid-leak", "bandage-soaked-blood"],
    }
    assert {sign: zone_of(sign) for zone, signs in expected.items() for sign in signs} == \
        {sign: zone for zone, signs in expected.items() for sign in signs}


def test_the_fever_sign_gives_the_number_in_both_scales_and_chinese_puts_celsius_first():
    fever = load_course().stoplight.signs["fever"].text
    assert "38°C" in fever["en"] and "100.4°F" in fever["en"]
    assert fever["zh"].index("38°C") < fever["zh"].index("100.4°F")
    assert "发烫" in load_course().stoplight.signs["calf-clot-signs"].text["zh"]


def test_local_settings_default_to_911_and_120_and_fill_the_placeholders():
    c = load_course()
    assert (c.local.emergency("en"), c.local.emergency("zh")) == ("911", "120")
    assert c.fill("Call {emergency} now.", "en") == "Call 911 now."
    assert c.fill({"en": "Call {emergency}.", "zh": "拨打{emergency}。"}, "zh") == "拨打120。"
    assert c.fill("Phone: {care_team_phone}", "en") == "Phone: ________"      # blank: a line to write on
    with pytest.raises(ValueError, match=r"unknown placeholder \{phone\}"):
        c.fill("Phone: {phone}", "en")


def test_local_settings_from_a_copy_of_the_course_file(tmp_path):
    def change(d):
        d["local"].update(care_team_phone="+1 555-0100", hospital={"en": "Riverside Spine Center", "zh": "河畔脊柱中心"},
                          emergency_number={"en": "999", "zh": "120"})
    c = load_course(write(tmp_path, change))
    assert c.fill("Call {care_team_phone} or {emergency}", "en") == "Call +1 555-0100 or 999"
    assert c.local.hospital_name("zh") == "河畔脊柱中心" and c.local.emergency("zh") == "120"
    assert load_course().local.hospital_name("en") == ""


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["stoplight"]["zones"].reverse(), "exactly green, yellow, red in that order (found red, yellow, green)"),
    (lambda d: d["stoplight"]["zones"].pop(1), "exactly green, yellow, red in that order (found green, red)"),
    (lambda d: d["stoplight"]["zones"][0].update(id="amber"), "exactly green, yellow, red"),
    (lambda d: _zone(d, "red")["signs"].append(dict(_zone(d, "yellow")["signs"][0])),
     "sign 'wound-redness-spreading' is listed in two zones: 'yellow' and 'red'"),
    (lambda d: _zone(d, "green")["signs"].append(dict(_zone(d, "green")["signs"][0])),
     "sign 'pain-eased-by-medicine' is listed twice in zone 'green'"),
    (lambda d: _zone(d, "red")["action"].update(en="Call {ambulance} now."),
     "stoplight.zones.red.action (en): unknown placeholder {ambulance}"),
    (lambda d: _zone(d, "green")["signs"][0].update(id="Some Pain"), "sign id 'Some Pain' must be lower-case"),
    (lambda d: _zone(d, "green").update(signs=[]), "signs"),
    (lambda d: d["local"].update(emergency_number={"en": "nine-one-one"}), "emergency_number must be digits only"),
    (lambda d: d["local"].update(care_team_phone="call the ward"), "care_team_phone 'call the ward'"),
    (lambda d: d.pop("stoplight"), "stoplight"),
])
def test_broken_stoplight_or_local_settings_name_the_problem(tmp_path, change, expected):
    path = write(tmp_path, change)
    message = error_of(path)
    assert message.startswith(str(path)) and expected in message, message
