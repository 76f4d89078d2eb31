"""The widgets an exported page may hold: only the course's quiz (an anywidget whose front-end is
``misscourse/static/quiz.js``), drawn in the browser by ``lib/widget-host.js``.

Before a lesson is exported, :func:`prepare` checks every widget output and trims the saved
widget state to what the host needs: the quiz models' data, without the module's source
(``_esm``, ``_css``: the pages load them once from ``lib/``) and without the layout models
that only Jupyter's widget manager reads. Any other widget makes the build fail, naming the
notebook and the cell, because the site could not draw it.
"""

from __future__ import annotations

import copy

import nbformat

from ..paths import STATIC_DIR

STATE = "application/vnd.jupyter.widget-state+json"
VIEW = "application/vnd.jupyter.widget-view+json"
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
            state = {k: v for k, v in model["state"].items() if k not in DROPPED_KEYS}
            used[model_id] = {"model_name": model["model_name"], "model_module": model.get("model_module"),
                              "model_module_version": model.get("model_module_version"), "state": state}
    if used or "widgets" in nb.metadata:
        nb.metadata["widgets"] = {STATE: {"version_major": saved.get("version_major", 2),
                                          "version_minor": saved.get("version_minor", 0), "state": used}}
    return nb
