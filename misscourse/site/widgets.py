"""The widgets an exported page may hold: only the course's quiz (an anywidget whose front-end is
``misscourse/static/quiz.js``), drawn in the browser by ``lib/widget-host.js``.

Before a lesson is exported, :func:`prepare` checks every widget output and trims the saved
widget state to what the host needs: the quiz models' data, without the module's source
(``_esm``, ``_css``: the pages load them once from ``lib/``) and without the layout models
that only Jupyter's widget manager reads. The quiz's data and its interface words, when they are
exactly what the shared files in ``lib/`` hold (:mod:`.shared_data`), are left out too: the state
names them in ``miss_shared`` (trait name -> shared entry), the page loads those files, and the
host puts them back into the model. (A notebook executed with an older quiz file keeps its own
copy, so a page never shows other words than its notebook.) Any other widget makes the build
fail, naming the notebook and the cell, because the site could not draw it.
"""

from __future__ import annotations

import copy

import nbformat

from ..paths import STATIC_DIR
from .shared_data import file_of, quiz_data, quiz_key, ui_data, ui_key

STATE = "application/vnd.jupyter.widget-state+json"
VIEW = "application/vnd.jupyter.widget-view+json"
SHARED = "miss_shared"  # in a trimmed state: {trait name: shared entry} for lib/widget-host.js
DROPPED_KEYS = ("_esm", "_css", "_anywidget_id", "layout", "_dom_classes", "tabbable", "tooltip")


class UnsupportedWidget(ValueError):
    """A notebook output is a widget the static site cannot draw."""


def quiz_module() -> str:
    return (STATIC_DIR / "quiz.js").read_text(encoding="utf-8")


def _is_quiz(model: dict) -> bool:
    state = model.get("state", {})
    return model.get("model_name") == "AnyModel" and state.get("_model_name", "AnyModel") == "AnyModel" \
        and "quiz" in state and isinstance(state.get("_esm"), str)


def prepare(nb: nbformat.NotebookNode, where: str) -> nbformat.NotebookNode:
    """A copy of ``nb`` whose widget outputs are all quizzes and whose widget state holds only them.

    ``where`` names the notebook in error messages."""
    nb = copy.deepcopy(nb)
    saved = nb.metadata.get("widgets", {}).get(STATE, {})
    models = saved.get("state", {})
    used = {}
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(VIEW)
            if view is None:
                continue
            model_id = view.get("model_id")
            model = models.get(model_id)
            first = (cell.source.strip().splitlines() or [""])[0]
            if model is None:
                raise UnsupportedWidget(f"{where}: cell {index + 1} ({first!r}) shows widget {model_id} "
                                        "whose state was not saved; execute the notebook with widget state stored")
            if not _is_quiz(model):
                name = model.get("state", {}).get("_model_name") or model.get("model_name")
                raise UnsupportedWidget(f"{where}: cell {index + 1} ({first!r}) shows a {name} widget; the site "
                                        "can draw only the course's quiz (L.quiz()), so remove it or show it another way")
            state = share(model["state"])
            used[model_id] = {"model_name": model["model_name"], "model_module": model.get("model_module"),
                              "model_module_version": model.get("model_module_version"), "state": state}
    if used or "widgets" in nb.metadata:
        nb.metadata["widgets"] = {STATE: {"version_major": saved.get("version_major", 2),
                                          "version_minor": saved.get("version_minor", 0), "state": used}}
    return nb


def share(saved: dict) -> dict:
    """A quiz model's state for the site: without the keys only JupyterLab reads, and with
    ``quiz`` and ``ui`` replaced by the names of their shared entries when the shared files hold
    exactly the same data."""
    state = {k: v for k, v in saved.items() if k not in DROPPED_KEYS}
    lang, quiz, shared = state.get("lang"), state.get("quiz"), {}
    if not isinstance(lang, str) or not lang:
        return state
    if isinstance(quiz, dict) and isinstance(quiz.get("id"), str) and quiz == quiz_data(quiz["id"], lang):
        shared["quiz"] = quiz_key(quiz["id"], lang)
    if isinstance(state.get("ui"), dict) and state["ui"] == ui_data(lang):
        shared["ui"] = ui_key(lang)
    for name in shared:
        del state[name]
    if shared:
        state[SHARED] = shared
    return state


def shared_files(nb: nbformat.NotebookNode) -> list[str]:
    """The files under ``lib/`` that a prepared notebook's quizzes need, in a stable order."""
    models = nb.metadata.get("widgets", {}).get(STATE, {}).get("state", {})
    keys = {key for model in models.values() for key in model.get("state", {}).get(SHARED, {}).values()}
    return [file_of(k) for k in sorted(keys, key=lambda k: (not k.startswith("ui/"), k))]
