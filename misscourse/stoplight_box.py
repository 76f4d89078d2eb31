"""The warning-signs action plan as HTML: the box a lesson shows (``L.warning_signs()``), the
printed card and the take-home sheets all use :func:`stoplight_html`, so they always agree.

Three zones from ``stoplight`` in course.yml, each with its heading, its action and its signs.
The zones differ by heading words, by an icon shape (a circle with a tick, a triangle, an
octagon) and by border style (solid, dashed, double), not by colour alone; every text is near
black on a pale background (contrast well above 4.5:1). The emergency number and the care
team's phone line come from ``local``.
"""

from __future__ import annotations

from .course import Course
from .html import esc
from .text import HTML_LANG, pick
from .ui import ui_text

# Okabe-Ito colours for borders and icons; text stays near black (#1a1a1a) on pale backgrounds.
ZONE_STYLE = {
    "green": {"border": "4px solid #007a5a", "background": "#eaf6f1", "shape": "circle"},
    "yellow": {"border": "4px dashed #8a5a00", "background": "#fff5dc", "shape": "triangle"},
    "red": {"border": "6px double #b03a00", "background": "#fdece4", "shape": "octagon"},
}

_ICONS = {
    # a circle with a tick
    "circle": '<circle cx="12" cy="12" r="11" fill="#007a5a"/>'
              '<path d="M6.5 12.5l3.6 3.6 7.4-8" fill="none" stroke="#ffffff" stroke-width="2.6" '
              'stroke-linecap="round" stroke-linejoin="round"/>',
    # a triangle with an exclamation mark
    "triangle": '<path d="M12 1.5L23 22H1z" fill="#f0b000" stroke="#1a1a1a" stroke-width="1.5" '
                'stroke-linejoin="round"/><rect x="10.8" y="8" width="2.4" height="8" rx="1" fill="#1a1a1a"/>'
                '<circle cx="12" cy="18.6" r="1.4" fill="#1a1a1a"/>',
    # an octagon (a stop sign) with an exclamation mark
    "octagon": '<path d="M7 1h10l6 6v10l-6 6H7l-6-6V7z" fill="#b03a00"/>'
               '<rect x="10.7" y="5" width="2.6" height="9" rx="1" fill="#ffffff"/>'
               '<circle cx="12" cy="18" r="1.6" fill="#ffffff"/>',
}

STYLE = """<style>
.miss-stoplight{border:3px solid #1a1a1a;border-radius:8px;padding:.4em .8em;margin:.6em 0;background:#fff;color:#1a1a1a;display:block}
.miss-stoplight .miss-warning-title{margin:.1em 0 .3em}
.miss-stoplight .miss-zone{border-radius:6px;padding:.25em .7em;margin:.4em 0;color:#1a1a1a}
.miss-stoplight .miss-zone-heading{display:flex;align-items:center;gap:.45em;margin:.2em 0;font-size:1.05em;color:#1a1a1a}
.miss-stoplight .miss-zone-icon{flex:none;width:1.5em;height:1.5em}
.miss-stoplight .miss-zone-action{margin:.15em 0;font-weight:bold}
.miss-stoplight ul{margin:.2em 0 .2em 1.2em;padding:0}
.miss-stoplight .miss-local{margin:.4em 0 .1em;font-weight:bold}
.miss-stoplight .miss-source{font-size:.85em;margin:.3em 0 0}
.miss-stoplight .miss-zone-green{border:4px solid #007a5a;background:#eaf6f1}
.miss-stoplight .miss-zone-yellow{border:4px dashed #8a5a00;background:#fff5dc}
.miss-stoplight .miss-zone-red{border:6px double #b03a00;background:#fdece4}
.reveal .miss-stoplight{display:grid;grid-template-columns:repeat(3,1fr);column-gap:.5em;align-items:start;font-size:.52em;padding:.2em .6em;margin:0}
.reveal .miss-stoplight li{line-height:1.2;margin:.05em 0}
.reveal .miss-stoplight .miss-warning-title{margin:0 0 .1em}
.reveal .miss-stoplight>.miss-warning-title,.reveal .miss-stoplight>.miss-local,.reveal .miss-stoplight>.miss-source{grid-column:1/-1}
.reveal .miss-stoplight .miss-zone{height:100%;box-sizing:border-box;margin:.2em 0}
@media print{
.miss-stoplight .miss-zone{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.miss-stoplight li,.miss-stoplight .miss-local{break-inside:avoid}
.miss-stoplight .miss-zone-heading,.miss-stoplight .miss-zone-action,.miss-stoplight .miss-warning-title{break-after:avoid}
.miss-stoplight .miss-source{font-size:1em}
.miss-page .miss-stoplight{display:grid;grid-template-columns:repeat(3,1fr);column-gap:.4em;align-items:start;padding:.2em .4em;break-inside:auto}
.miss-handout-card .miss-stoplight{font-size:12pt;line-height:1.2}
.miss-handout-card .miss-stoplight h1{font-size:18pt}
.miss-handout-card .miss-stoplight .miss-zone-heading{font-size:13pt}
.miss-page .miss-stoplight>.miss-warning-title,.miss-page .miss-stoplight>.miss-local,.miss-page .miss-stoplight>.miss-source{grid-column:1/-1}
.miss-page .miss-stoplight .miss-zone{box-sizing:border-box;margin:.15em 0;padding:.1em .4em;align-self:stretch}
.miss-page .miss-stoplight li{margin:.05em 0}
.miss-page .miss-stoplight{line-height:1.15}
.miss-page .miss-stoplight .miss-warning-title{margin:0 0 .1em}
.miss-page .miss-stoplight ul{margin:.1em 0 .1em 1em}
.miss-page .miss-stoplight .miss-zone-action,.miss-page .miss-stoplight .miss-zone-heading{margin:.05em 0}
.miss-page .miss-stoplight .miss-local br{display:none}
.miss-page .miss-stoplight .miss-local span+span::before{content:" \\00b7  "}
.miss-page .miss-stoplight .miss-local,.miss-page .miss-stoplight .miss-source{margin:.1em 0 0}
}
</style>"""


def icon(shape: str) -> str:
    return (f'<svg class="miss-zone-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" '
            f'focusable="false">{_ICONS[shape]}</svg>')


def care_team_line(course: Course, lang: str) -> str:
    """"My care team's number: ..." with the local phone line, or a line to write it on."""
    return ui_text("care_team_number", lang).format(phone=course.local.phone_or_blank())


def emergency_line(course: Course, lang: str) -> str:
    return ui_text("emergency_number_line", lang).format(number=course.local.emergency(lang))


def local_lines_html(course: Course, lang: str, cls: str = "miss-local") -> str:
    """The hospital's name (when set), the care team's number line and the emergency number."""
    parts = []
    hospital = course.local.hospital_name(lang)
    if hospital:
        parts.append(f'<span class="miss-hospital">{esc(hospital)}</span>')
    parts.append(f'<span class="miss-care-team-line">{esc(care_team_line(course, lang))}</span>')
    parts.append(f'<span class="miss-emergency-line">{esc(emergency_line(course, lang))}</span>')
    return f'<p class="{cls}">' + "<br/>".join(parts) + "</p>"


def stoplight_html(course: Course, lang: str, heading_level: int = 3) -> str:
    """The action plan box; ``heading_level`` is the level of its title (zones one below)."""
    plan = course.stoplight
    h, hz = f"h{heading_level}", f"h{min(heading_level + 1, 6)}"
    title = pick(plan.title, lang)

    def words(text) -> str:
        return esc(course.fill(text, lang))

    zones = []
    for zone in plan.zones:
        style = ZONE_STYLE[zone.id]
        signs = "".join(f'<li data-sign="{esc(s.id)}">{words(s.text)}</li>' for s in zone.signs)
        zones.append(
            # a div, not a <section>: reveal.js takes every <section> in a deck for a slide
            f'<div class="miss-zone miss-zone-{zone.id}" data-zone="{zone.id}" role="group" '
            f'aria-label="{words(zone.heading)}">'
            f'<{hz} class="miss-zone-heading">{icon(style["shape"])}<span>{words(zone.heading)}</span></{hz}>'
            f'<p class="miss-zone-action">{words(zone.action)}</p>'
            f"<ul>{signs}</ul></div>"
        )
    return (
        f'{STYLE}<div class="miss-warning miss-stoplight" role="region" aria-label="{esc(title)}" '
        f'lang="{HTML_LANG[lang]}">'
        f'<{h} class="miss-warning-title">{esc(title)}</{h}>'
        + "".join(zones)
        + local_lines_html(course, lang)
        + f'<p class="miss-source">{esc(pick(plan.source, lang))}</p>'
        "</div>"
    )
