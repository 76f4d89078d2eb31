"""What a lesson notebook calls: ``L = lesson("risks", "en")``, then ``L.header()``, ``L.diagram(...)``,
``L.quiz()``, ``L.warning_signs()``, ``L.glossary()``.

Each call returns an output object built from the course's sources (course file, quiz files,
diagram assets, glossary), so the notebook holds only words and one-line calls.
"""

from __future__ import annotations

import base64

from .course import course
from .html import Block, esc, ul
from .sourcefile import SourceError
from .text import HTML_LANG, pick
from .ui import ui_text


class LessonView:
    def __init__(self, slug: str, lang: str = "en"):
        self.course = course()
        self.info = self.course.lesson(slug)
        self.slug, self.lang = slug, lang

    def __repr__(self) -> str:
        return f"Lesson({self.slug!r}, {self.lang!r})"

    def t(self, text: dict) -> str:
        return pick(text, self.lang)

    # -- the top of every lesson --------------------------------------------------------------
    def header(self) -> Block:
        c, info, t = self.course, self.info, self.t
        number = c.shown_number(self.slug)
        objectives = pick(info.objectives, self.lang)
        hospital = c.local.hospital_name(self.lang)        # local settings: shown when set
        html = (
            f'<div class="miss-header" lang="{HTML_LANG[self.lang]}">'
            + (f'<p class="miss-kicker miss-hospital-name">{esc(hospital)}</p>' if hospital else "")
            + f'<p class="miss-kicker">{esc(ui_text("lesson", self.lang).format(n=number))} · '
            f'{esc(ui_text("minutes", self.lang).format(n=info.minutes))}</p>'
            f'<h1 class="miss-title">{esc(t(info.title))}</h1>'
            f'<h2 class="miss-objectives-heading">{esc(ui_text("objectives", self.lang))}</h2>'
            f'{ul(objectives, "miss-objectives")}'
            f'{self._notice_html()}'
            "</div>"
        )
        text = f"Lesson {number}: {t(info.title)} ({info.minutes} min, {len(objectives)} objectives)"
        return Block(html, text)

    def _notice_html(self) -> str:
        return (
            f'<aside class="miss-notice" aria-label="{esc(ui_text("notice_label", self.lang))}">'
            f'<p><strong>{esc(ui_text("notice_label", self.lang))}:</strong> {esc(self.t(self.course.notice))}</p>'
            "</aside>"
        )

    def notice(self) -> Block:
        return Block(self._notice_html(), "Safety notice")

    # -- diagrams -------------------------------------------------------------------------------
    def diagram(self, name: str) -> Block:
        from . import diagrams

        if name not in diagrams.NAMES:
            raise KeyError(f"lesson {self.slug!r}: no diagram {name!r} (known: {', '.join(diagrams.NAMES)})")
        path = diagrams.asset_path(name, self.lang)
        if not path.exists():
            raise SourceError(path, f"diagram {name!r}",
                              "the SVG file is missing; run 'misscourse diagrams' to write it")
        svg = path.read_bytes()
        alt, caption = diagrams.describe(name, self.lang)
        data = base64.b64encode(svg).decode()
        html = (
            f'<figure class="miss-figure" id="fig-{esc(name)}">'
            f'<img src="data:image/svg+xml;base64,{data}" alt="{esc(alt)}" />'
            f"<figcaption>{esc(caption)}</figcaption></figure>"
        )
        return Block(html, f"Diagram {name}: {caption}")

    # -- quizzes --------------------------------------------------------------------------------
    def quiz(self, quiz_id: str | None = None):
        from .quiz_widget import QuizWidget

        quiz_id = quiz_id or (self.info.quizzes[0] if self.info.quizzes else self.slug)
        return QuizWidget.for_quiz(quiz_id, self.lang, lesson=self.slug,
                                   course_version=self.course.version)

    # -- the warning-signs box: the stoplight action plan ---------------------------------------
    def warning_signs(self) -> Block:
        """The action plan: green (expected), yellow (call your care team today), red (call
        emergency services now), with the local emergency number and care-team phone line."""
        from .stoplight_box import stoplight_html

        plan = self.course.stoplight
        html = stoplight_html(self.course, self.lang)
        counts = ", ".join(f"{len(zone.signs)} {zone.id}" for zone in plan.zones)
        return Block(html, f"Warning signs: {counts}; emergency {self.course.local.emergency(self.lang)}")

    # -- the glossary ---------------------------------------------------------------------------
    def glossary(self) -> Block:
        from .glossary import load_glossary

        terms = sorted(load_glossary().terms, key=lambda e: sort_key(pick(e.term, self.lang), self.lang))
        rows = "".join(
            f'<div class="miss-term" id="term-{esc(e.id)}"><dt>{esc(pick(e.term, self.lang))}</dt>'
            f"<dd>{esc(pick(e.definition, self.lang))}</dd></div>"
            for e in terms
        )
        return Block(f'<dl class="miss-glossary">{rows}</dl>', f"Glossary: {len(terms)} terms")


def sort_key(term: str, lang: str):
    """Dictionary order: by pinyin for Chinese (as Chinese glossaries are ordered), else by letters."""
    if lang == "zh":
        from pypinyin import lazy_pinyin

        return [syllable.casefold() for syllable in lazy_pinyin(term)]
    return [term.casefold()]


def lesson(slug: str, lang: str = "en") -> LessonView:
    """The lesson ``slug`` in language ``lang``, as listed in the course file.

    With a kernel, the learner's checked answers are recorded in the local progress store.
    """
    _attach_progress()
    return LessonView(slug, lang)


def _attach_progress() -> None:
    from .progress import attach

    attach()
