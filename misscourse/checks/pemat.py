"""PEMAT-P: how understandable and actionable each lesson is, by AHRQ's Patient Education
Materials Assessment Tool for printable materials (Shoemaker, Wolf and Brach, AHRQ 2013,
version 1.0; https://www.ahrq.gov/health-literacy/patient-education/pematp.html).

PEMAT-P has 19 understandability items (13 and 14 are for audio-visual materials only, so 17
apply to print) and 7 actionability items. Each is rated Agree (1), Disagree (0) or not
applicable; a score is the share of applicable items rated Agree. AHRQ's guide treats 70% as
the usual threshold; the course aims for 90% on both.

Items that can be read off a lesson's structure are measured here, the same way every time
(the notebook, its quiz and diagram calls, its reading level). The items that need a reader's
judgement (is anything distracting, are the pictures clear, does the lesson say how to use its
diagrams to act) are rated by a person in ``misscourse/data/pemat.yml``, one block per lesson,
with a reason for every Disagree and not-applicable rating. A lesson with no rating there, or
an item rated with no reason, is a problem; so is a lesson below ``MIN_SCORE``.
"""

from __future__ import annotations

import re
from pathlib import Path

import textstat

from .. import paths
from ..notebook import cell_tags, code_call, patient_cells, patient_text, read_notebook
from ..readability import MAX_GRADE, ZH_MAX_AVG_CHARS, chinese_stats, to_plain
from ..sourcefile import read_yaml
from .sources import Problems, check, course_at, lesson_notebooks

RATINGS_FILE = paths.PACKAGE_DIR / "data" / "pemat.yml"
MIN_SCORE = 0.70   # AHRQ's usual threshold; the reading report shows the aim of 90%
AIM = 0.90

UNDERSTANDABILITY = {
    1: "The material makes its purpose completely evident.",
    2: "The material does not include information or content that distracts from its purpose.",
    3: "The material uses common, everyday language.",
    4: "Medical terms are used only to familiarize audience with the terms. When used, medical terms are defined.",
    5: "The material uses the active voice.",
    6: "Numbers appearing in the material are clear and easy to understand.",
    7: "The material does not expect the user to perform calculations.",
    8: "The material breaks or 'chunks' information into short sections.",
    9: "The material's sections have informative headers.",
    10: "The material presents information in a logical sequence.",
    11: "The material provides a summary.",
    12: "The material uses visual cues (e.g., arrows, boxes, bullets, bold) to draw attention to key points.",
    15: "The material uses visual aids whenever they could make content more easily understood.",
    16: "The material's visual aids reinforce, rather than distract from, the content.",
    17: "The material's visual aids have clear titles or captions.",
    18: "The material uses illustrations and photographs that are clear and uncluttered.",
    19: "The material uses simple tables with short and clear row and column headings.",
}
ACTIONABILITY = {
    20: "The material clearly identifies at least one action the user can take.",
    21: "The material addresses the user directly when describing actions.",
    22: "The material breaks down any action into manageable, explicit steps.",
    23: "The material provides a tangible tool (e.g., menu planners, checklists) whenever it could help the user take action.",
    24: "The material provides simple instructions or examples of how to perform calculations.",
    25: "The material explains how to use the charts, graphs, tables, or diagrams to take actions.",
    26: "The material uses visual aids whenever they could make it easier to act on the instructions.",
}
MEASURED = (1, 3, 4, 5, 8, 9, 11, 12, 15, 17, 20, 21, 22)
RATED = tuple(sorted((set(UNDERSTANDABILITY) | set(ACTIONABILITY)) - set(MEASURED)))

MAX_SECTION_WORDS = 150        # English words in one section (a slide and its subslides' text)
MAX_SECTION_CHARS = 300        # Chinese characters in one section
MAX_PASSIVE_SHARE = 0.15       # sentences in the passive voice
MIN_ACTIONS = 3                # sentences or list items that start with a verb telling the reader what to do
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?(?:\w+ed|made|done|given|taken|seen|shown|"
                      r"known|put|cut|kept|held|left|told|set|found|sent|worn|brought|written|sewn|run)\b", re.I)
_ACTION_VERBS = ("call", "take", "ask", "walk", "keep", "use", "tell", "bring", "write", "stop", "wear", "get",
                 "put", "make", "check", "look", "go", "do", "follow", "plan", "sit", "stand", "lie", "roll",
                 "drink", "eat", "breathe", "hold", "avoid", "wash", "change", "move", "lift", "bend", "press",
                 "list", "read", "show", "say", "try", "start", "store", "throw", "learn", "pick", "find", "don't",
                 "do not", "never", "remember", "choose")
# an action described in the third person instead of to the reader ("patients should ...")
_THIRD = re.compile(r"\b(?:patients?|people|the person|a person|one)\s+(?:should|must|need to|needs to|has to|have to)\b", re.I)
_ZH_THIRD = re.compile(r"(患者|病人|病患)(应|应该|必须|需要|要)")
# an action left to the care team instead of said ("ask your care team what is safe")
_DEFER = re.compile(r"\bask (?:your|the) (?:care team|surgeon|doctor|nurse)|(?:care team|surgeon|doctor|nurse) will tell you", re.I)
_ZH_DEFER = re.compile(r"(问问|询问|请教)(您的)?(医生|护士|医护团队|主管医生)|(医生|护士|医护团队|主管医生)会告诉您")
_ZH_ACTION = re.compile(r"^(请|马上|立即|每天|记得|不要|别|先|要|把|按|拨打|联系|告诉|带上|多|少|用|走|坐|躺|翻身)")


def _sections(nb) -> list[str]:
    """Patient text grouped by ``##`` section (a heading starts a new one). A checklist to tick
    (cells tagged ``checklist``) is a tool to keep (item 23), not a section to read, and is left out."""
    sections: list[str] = []
    for _, cell in patient_cells(nb):
        if "checklist" in cell_tags(cell):
            continue
        if re.match(r"^\s*##\s", cell.source) or not sections:
            sections.append(cell.source)
        else:
            sections[-1] += "\n\n" + cell.source
    return sections


def _lines(markup: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?。！？])\s*|\n+", to_plain(markup)) if s.strip()]


def measured(notebook, lang: str) -> dict[int, tuple[int, str]]:
    """The items read off the lesson itself: item -> (1 or 0, what was measured)."""
    nb = read_notebook(notebook)
    text = patient_text(nb)
    plain = to_plain(text)
    calls = [code_call(c.source) for c in nb.cells if c.cell_type == "code"]
    calls = [c for c in calls if c]
    names = [name for name, _ in calls]
    tags = set().union(*(cell_tags(c) for c in nb.cells))
    lines = _lines(text)
    out: dict[int, tuple[int, str]] = {}

    out[1] = (int("header" in names), "the lesson opens with its objectives (L.header())")
    if lang == "zh":
        avg = chinese_stats(text)["avg_sentence_chars"]
        out[3] = (int(avg <= ZH_MAX_AVG_CHARS), f"average sentence {avg:g} characters (limit {ZH_MAX_AVG_CHARS})")
        share = sum("被" in s for s in lines) / max(len(lines), 1)
        out[5] = (int(share <= MAX_PASSIVE_SHARE), f"{share:.0%} of sentences with 被")
    else:
        fk = textstat.flesch_kincaid_grade(plain)
        out[3] = (int(fk <= MAX_GRADE), f"Flesch-Kincaid grade {fk:g} (limit {MAX_GRADE:g})")
        share = sum(bool(_PASSIVE.search(s)) for s in lines) / max(len(lines), 1)
        out[5] = (int(share <= MAX_PASSIVE_SHARE), f"{share:.0%} of sentences in the passive voice")
    dfn = re.findall(r"<dfn>(.*?)</dfn>", text)
    out[4] = (1, f"{len(dfn)} terms defined where first used (<dfn>, checked against the glossary)")

    sizes = [(len(re.findall(r"\w", to_plain(s))) if lang == "zh" else textstat.lexicon_count(to_plain(s)))
             for s in _sections(nb)]
    limit = MAX_SECTION_CHARS if lang == "zh" else MAX_SECTION_WORDS
    out[8] = (int(bool(sizes) and max(sizes) <= limit), f"longest section {max(sizes, default=0)} "
              f"{'characters' if lang == 'zh' else 'words'} (limit {limit})")
    # every slide opens with a header; a checklist's later parts go on under the checklist's own
    slides = [c for _, c in patient_cells(nb)
              if c.get("metadata", {}).get("slideshow", {}).get("slide_type") in ("slide", "subslide")
              and not ("checklist" in cell_tags(c) and c["metadata"]["slideshow"]["slide_type"] == "subslide")]
    headed = sum(bool(re.match(r"^\s*#{2,3}\s", c.source)) for c in slides)
    out[9] = (int(bool(slides) and headed == len(slides)), f"{headed} of {len(slides)} slides open with a header")
    summary = any(re.match(r"^\s*##\s*(Key points|要点)", c.source) for _, c in patient_cells(nb))
    out[11] = (int(summary), "a 'Key points' summary" + ("" if summary else " is missing"))
    cues = len(re.findall(r"^\s*(?:[-*+]|\d+[.)])\s", text, re.M)) + text.count("**")
    out[12] = (int(cues >= 3), f"{cues} bullets, numbers and bold marks")
    diagrams = names.count("diagram") + text.count("![")
    out[15] = (int(diagrams >= 1), f"{diagrams} diagrams")
    captions = sum(1 for c in nb.cells if c.cell_type == "code" and (code_call(c.source) or ("",))[0] == "diagram"
                   and "figcaption" in str(c.get("outputs", "")))
    out[17] = (int(diagrams >= 1 and captions == names.count("diagram")),
               f"{captions} of {names.count('diagram')} diagrams with a caption")

    if lang == "zh":
        actions = sum(bool(_ZH_ACTION.match(s.strip())) for s in lines)
        third = sum(bool(_ZH_THIRD.search(s)) for s in lines)
    else:
        starts = tuple(v + " " for v in _ACTION_VERBS)
        actions = sum(s.strip().lower().startswith(starts) for s in lines)
        third = sum(bool(_THIRD.search(s)) for s in lines)
    out[20] = (int(actions >= MIN_ACTIONS), f"{actions} sentences tell the reader what to do")
    out[21] = (int(third * 10 <= max(actions, 1)),
               f"{actions} actions said to the reader, {third} said of 'patients' or 'people' instead")
    numbered = bool(re.search(r"^\s*1[.)]\s", text, re.M)) or "checklist" in tags or "warning_signs" in names
    deferrals = sum(bool((_ZH_DEFER if lang == "zh" else _DEFER).search(s)) for s in lines)
    explicit = numbered and deferrals * 3 <= max(actions, 1)
    out[22] = (int(explicit), ("numbered steps, a checklist or the action plan" if numbered else "no numbered steps")
               + f"; {deferrals} actions left to 'ask your care team' against {actions} said outright")
    return out


def ratings(path: Path | None = None) -> dict:
    data = read_yaml(path or RATINGS_FILE) or {}
    return data.get("lessons", {}) if isinstance(data, dict) else {}


def score(items: dict[int, int | None], which: dict) -> float | None:
    applicable = [v for k, v in items.items() if k in which and v is not None]
    return sum(applicable) / len(applicable) if applicable else None


def lesson_scores(root: Path, lang: str) -> list[dict]:
    """One row per lesson: understandability, actionability, and every item's rating and reason."""
    course = course_at(root)
    rated = ratings(root / "misscourse" / "data" / "pemat.yml" if (root / "misscourse").exists() else None)
    rows = []
    for lesson, path in lesson_notebooks(root, course, lang):
        if not path.exists():
            continue
        items: dict[int, int | None] = {}
        reasons: dict[int, str] = {}
        for item, (value, why) in measured(path, lang).items():
            items[item], reasons[item] = value, why
        given = (rated.get(lesson.slug) or {})
        for item in RATED:
            entry = given.get(item)
            if isinstance(entry, dict):
                value = entry.get("rating")
                items[item] = None if value == "na" else (1 if value == "agree" else 0 if value == "disagree" else -1)
                reasons[item] = entry.get("why", "")
            else:
                items[item] = -1
                reasons[item] = "not rated"
        rows.append({"lesson": course.stem(lesson.slug), "slug": lesson.slug, "items": items, "reasons": reasons,
                     "understandability": score({k: max(v, 0) if v is not None else None for k, v in items.items()},
                                                UNDERSTANDABILITY),
                     "actionability": score({k: max(v, 0) if v is not None else None for k, v in items.items()},
                                            ACTIONABILITY)})
    return rows


@check
def pemat(root: Path) -> Problems:
    problems: Problems = []
    course = course_at(root)
    where = "misscourse/data/pemat.yml"
    for lang in course.languages:
        for row in lesson_scores(root, lang):
            for item, value in row["items"].items():
                if value == -1 and lang == course.languages[0]:
                    problems.append(f"{where}: lesson {row['slug']!r}, item {item}: not rated "
                                    f"(agree, disagree or na, with a reason)")
                elif value in (0, None) and item in RATED and not row["reasons"][item].strip() \
                        and lang == course.languages[0]:
                    problems.append(f"{where}: lesson {row['slug']!r}, item {item}: a Disagree or n/a rating needs a reason")
            for name in ("understandability", "actionability"):
                value = row[name]
                if value is not None and value < MIN_SCORE:
                    low = [f"{k} ({row['reasons'][k]})" for k, v in sorted(row["items"].items())
                           if v == 0 and k in (UNDERSTANDABILITY if name == "understandability" else ACTIONABILITY)]
                    problems.append(f"notebooks/{lang}/{row['lesson']}.ipynb: PEMAT-P {name} {value:.0%} "
                                    f"(at least {MIN_SCORE:.0%}); items rated Disagree: {'; '.join(low)}")
    return problems


def pemat_table(root: Path, lang: str) -> list[tuple[str, float | None, float | None, str]]:
    """(lesson, understandability, actionability, items rated Disagree) for the reading report."""
    return [(r["lesson"], r["understandability"], r["actionability"],
             ",".join(str(k) for k, v in sorted(r["items"].items()) if v == 0))
            for r in lesson_scores(root, lang)]
