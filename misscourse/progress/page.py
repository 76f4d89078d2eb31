"""The progress page in a notebook (``show_progress``), the review quiz (``review_quiz``), and the
plain-text table that the page shows as its text form and ``misscourse progress`` prints.
"""

from __future__ import annotations

import unicodedata
from typing import Callable

from ..course import course
from ..html import Block, esc
from ..paths import STATIC_DIR
from ..text import HTML_LANG
from ..ui import ui_table, ui_text
from . import attach
from .charts import Bar, bar_chart, column_chart
from .store import StoreError, get_store
from .summary import TIMELINE_DAYS, Catalog, LessonRow, Summary, histories, review_order, summarize
from .words import day_label, percent, word

CSS_FILE = STATIC_DIR / "progress.css"
LinkFor = Callable[[str], str]  # lesson slug -> URL of the lesson


# -- cells of the table, shared by the HTML and the text ---------------------------------------
def lesson_label(row: LessonRow, lang: str) -> str:
    return word("item", lang, a=ui_text("lesson", lang).format(n=row.number), b=row.title)


def cells(row: LessonRow, lang: str) -> list[str]:
    if not row.questions:
        answered = right = word("no_quiz", lang)
    else:
        answered = word("answered_of", lang, a=row.answered, n=row.questions)
        right = (word("right_of", lang, r=row.right, t=row.answers, p=percent(row.right, row.answers))
                 if row.answers else word("no_answers", lang))
    return [word("done_yes" if row.done else "done_no", lang), answered, right]


def headers(lang: str) -> list[str]:
    return [word(k, lang) for k in ("col_lesson", "col_done", "col_answered", "col_right")]


def summary_line(summary: Summary, lang: str) -> str:
    if not summary.answers:
        return word("nothing_yet", lang)
    return word("summary", lang, done=summary.done, n=len(summary.rows), answers=summary.answers)


def missed_times(times: int, lang: str) -> str:
    text = word("missed_once", lang) if times == 1 else word("missed_times", lang, k=times)
    return word("paren", lang, text=text)


# -- text --------------------------------------------------------------------------------------
def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_table(head: list[str], rows: list[list[str]]) -> str:
    sizes = [max(width(r[i]) for r in [head, *rows]) for i in range(len(head))]
    line = lambda r: " | ".join(c + " " * (sizes[i] - width(c)) for i, c in enumerate(r)).rstrip()  # noqa: E731
    return "\n".join([line(head), "-+-".join("-" * s for s in sizes), *map(line, rows)])


def progress_text(summary: Summary, lang: str) -> str:
    if not summary.answers:
        return "\n".join([word("title", lang), word("privacy", lang), summary_line(summary, lang)])
    rows = [[lesson_label(r, lang), *cells(r, lang)] for r in summary.rows]
    lines = [word("title", lang), word("privacy", lang), summary_line(summary, lang), "",
             text_table(headers(lang), rows), "", word("missed_title", lang)]
    lines += [f"- {word('item', lang, a=lesson_label(_row(summary, m.info.lesson), lang), b=m.info.prompt)} "
              f"{missed_times(m.times, lang)}"
              for m in summary.missed] or [word("missed_none", lang)]
    return "\n".join(lines)


def _row(summary: Summary, slug: str) -> LessonRow:
    return next(r for r in summary.rows if r.slug == slug)


# -- HTML --------------------------------------------------------------------------------------
def progress_html(summary: Summary, lang: str, link: LinkFor, notice: str = "") -> str:
    w = lambda key, **kw: esc(word(key, lang, **kw))  # noqa: E731
    if not summary.answers:  # the same words whatever the course holds: a stable output for nbval
        return (f'<section class="miss-progress" lang="{HTML_LANG[lang]}"><p>{w("privacy")}</p>'
                + (f'<p role="status">{esc(notice)}</p>' if notice else "")
                + f'<p class="miss-progress-summary">{esc(summary_line(summary, lang))}</p></section>')
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers(lang))
    body = "".join(
        f'<tr class="{"miss-done" if r.done else "miss-not-done"}"><th scope="row">'
        f'<a href="{esc(link(r.slug))}">{esc(lesson_label(r, lang))}</a></th>'
        + "".join(f"<td>{esc(c)}</td>" for c in cells(r, lang)) + "</tr>"
        for r in summary.rows)
    parts = [
        f'<section class="miss-progress" lang="{HTML_LANG[lang]}"><style>{CSS_FILE.read_text(encoding="utf-8")}</style>',
        f'<p class="miss-progress-privacy">{w("privacy")}</p>',
        f'<p class="miss-progress-notice" role="status">{esc(notice)}</p>' if notice else "",
        f'<p class="miss-progress-summary">{esc(summary_line(summary, lang))}</p>',
        f'<table id="miss-progress-table" class="miss-progress-table"><caption>{w("table_caption")}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>",
        charts_html(summary, lang),
        f'<h2>{w("missed_title")}</h2>', missed_html(summary, lang, link), "</section>",
    ]
    return "".join(parts)


def charts_html(summary: Summary, lang: str) -> str:
    bars = [Bar(lesson_label(r, lang), r.right / r.answers if r.answers else None,
                f"{percent(r.right, r.answers)}%" if r.answers else word("no_answers", lang))
            for r in summary.rows if r.questions]
    days = [(day_label(d, lang), n) for d, n in summary.days]
    rows = "".join(f"<tr><td>{esc(label)}</td><td>{n}</td></tr>" for label, n in days)
    return (
        f'<h2>{esc(word("charts_title", lang))}</h2>'
        '<figure class="miss-progress-figure">'
        + bar_chart("miss-chart-lessons", word("chart_lessons_title", lang), word("chart_lessons_desc", lang), bars)
        + f'<figcaption>{esc(word("chart_lessons_title", lang))}</figcaption></figure>'
        '<figure class="miss-progress-figure">'
        + column_chart("miss-chart-days", word("chart_days_title", lang),
                       word("chart_days_desc", lang, n=TIMELINE_DAYS), days)
        + f'<figcaption>{esc(word("chart_days_title", lang))}</figcaption>'
        f'<details><summary>{esc(word("days_table", lang))}</summary><table class="miss-progress-table">'
        f'<thead><tr><th scope="col">{esc(word("col_day", lang))}</th><th scope="col">{esc(word("col_answers", lang))}</th>'
        f"</tr></thead><tbody>{rows}</tbody></table></details></figure>"
    )


def missed_html(summary: Summary, lang: str, link: LinkFor) -> str:
    if not summary.missed:
        return f'<p class="miss-missed-none">{esc(word("missed_none", lang))}</p>'
    items = "".join(
        "<li>" + esc(word("item", lang)).format(
            a=f'<a href="{esc(link(m.info.lesson))}">{esc(lesson_label(_row(summary, m.info.lesson), lang))}</a>',
            b=esc(m.info.prompt))
        + f' <span class="miss-missed-times">{esc(missed_times(m.times, lang))}</span></li>'
        for m in summary.missed)
    return f'<p>{esc(word("missed_intro", lang))}</p><ul class="miss-missed">{items}</ul>'


# -- what a notebook calls -----------------------------------------------------------------------
def _answers(lang: str) -> tuple[list, str]:
    """The learner's answers in ``lang``, and a notice for the learner if the store had a problem."""
    try:
        store = get_store()
        answers = store.answers(lang)
    except StoreError as exc:
        return [], word("store_error", lang, reason=exc.reason)
    notice = word("store_moved", lang, file=store.path, moved=store.moved_to) if store.moved_to else ""
    return answers, notice


def show_progress(lang: str = "en") -> Block:
    attach()
    c = course()
    answers, notice = _answers(lang)
    summary = summarize(Catalog(c, lang), answers)
    html = progress_html(summary, lang, lambda slug: f"{c.stem(slug)}.ipynb", notice)
    return Block(html, progress_text(summary, lang))


def review_quiz(lang: str = "en"):
    """A :class:`~misscourse.quiz_widget.QuizWidget` of the missed questions; a short note when there are none."""
    from ..quiz_widget import QuizWidget

    attach()
    c = course()
    catalog = Catalog(c, lang)
    answers, notice = _answers(lang)
    keys = review_order(histories(answers, catalog))
    if not keys:
        text = " ".join(filter(None, [notice, word("review_none", lang)]))
        return Block(f'<p class="miss-progress-none" lang="{HTML_LANG[lang]}">{esc(text)}</p>', text)
    quiz = {"id": "review", "title": word("review_quiz", lang),
            "questions": [catalog.widget_question(key) for key in keys]}
    return QuizWidget(quiz=quiz, ui=ui_table(lang), lang=lang, lesson="", course_version=c.version)
