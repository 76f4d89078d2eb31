"""Course data that many pages share, written once per language into ``lib/`` as classic scripts.

Each file sets one entry of ``window.MissShared`` (``<script src>`` works from file://, where a
browser refuses to fetch a local JSON file):

- ``quiz/<lang>/<id>`` in ``lib/quizzes/<id>.<lang>.js``: one quiz as the front-end reads it
  (``Quiz.to_widget``);
- ``ui/<lang>`` in ``lib/quiz-ui.<lang>.js``: the interface words (``ui_table``);
- ``progress/<lang>`` in ``lib/progress-data.<lang>.js``: what the progress, record and class
  pages need besides the quizzes (written by :mod:`.progress`).

Styles that lesson outputs inline for JupyterLab (the warning-signs box) are served the same way:
one file in ``lib/`` (:data:`SHARED_STYLES`), linked by the pages whose inline copies were taken out.

An exported quiz's widget state names the entries it uses (``miss_shared``, see
:mod:`.widgets`) instead of holding a copy of them, and ``lib/widget-host.js`` puts them back
into the model; the progress pages build their question list from the same quiz files.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import paths, stoplight_box
from ..quizzes import load_quiz
from ..sourcefile import SourceError
from ..ui import ui_table
from .files import write_if_changed

GLOBAL = "MissShared"
QUIZ_FOLDER = "quizzes"


def quiz_key(quiz_id: str, lang: str) -> str:
    return f"quiz/{lang}/{quiz_id}"


def ui_key(lang: str) -> str:
    return f"ui/{lang}"


def progress_key(lang: str) -> str:
    return f"progress/{lang}"


def file_of(key: str) -> str:
    """The file under ``lib/`` that sets the entry ``key``."""
    kind, lang, *rest = key.split("/")
    if kind == "quiz" and len(rest) == 1:
        return f"{QUIZ_FOLDER}/{rest[0]}.{lang}.js"
    if kind == "ui" and not rest:
        return f"quiz-ui.{lang}.js"
    if kind == "progress" and not rest:
        return f"progress-data.{lang}.js"
    raise ValueError(f"not a shared data key: {key!r}")


def quiz_data(quiz_id: str, lang: str) -> dict | None:
    """The quiz as its shared file holds it, or None when there is no quiz file for it."""
    try:
        return load_quiz(quiz_id).to_widget(lang)
    except SourceError:
        return None


def ui_data(lang: str) -> dict:
    return ui_table(lang)


def script_json(data) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left to end it early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def script(key: str, value, about: str) -> str:
    """A classic script that sets ``window.MissShared[key]`` to ``value``."""
    return (f"/* {about} */\n"
            f"(window.{GLOBAL} = window.{GLOBAL} || {{}})[{json.dumps(key)}] = {script_json(value)};\n")


def write_entry(lib: Path, key: str, value, about: str) -> Path:
    path = Path(lib) / file_of(key)
    write_if_changed(path, script(key, value, about))
    return path


def quiz_ids() -> list[str]:
    return sorted(p.stem for p in paths.quizzes_dir().glob("*.yml"))


def write_quiz_files(lib: Path, langs, ids=None) -> list[Path]:
    """Write the interface words and every quiz (or the quizzes ``ids``) of each language."""
    written = []
    for lang in langs:
        written.append(write_entry(lib, ui_key(lang), ui_data(lang), f"the quiz's interface words ({lang})"))
        for quiz_id in (quiz_ids() if ids is None else ids):
            data = quiz_data(quiz_id, lang)
            if data is not None:
                written.append(write_entry(lib, quiz_key(quiz_id, lang), data,
                                           f"quizzes/{quiz_id}.yml in {lang}, as the quiz's front-end reads it"))
    return written


# Styles that lesson outputs inline (for JupyterLab), served on the site as one shared file in lib/
SHARED_STYLES = {"stoplight.css": stoplight_box.STYLE}


def shared_css(name: str) -> str:
    """The shared stylesheet ``name`` (a key of SHARED_STYLES): the inline style without its tags."""
    style = SHARED_STYLES[name]
    return style.removeprefix("<style>").removesuffix("</style>").strip() + "\n"


def share_styles(nb) -> list[str]:
    """Take every inline copy of a shared style out of the outputs; return the stylesheets to link."""
    used = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            html = data.get("text/html")
            if html is None:
                continue
            text = "".join(html) if isinstance(html, list) else html
            for name, style in SHARED_STYLES.items():
                if style in text:
                    text = text.replace(style, "")
                    if name not in used:
                        used.append(name)
            data["text/html"] = text
    return used
