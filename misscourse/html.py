"""Small, deterministic HTML output objects for notebooks.

Each object shows HTML in JupyterLab and in exported pages, and a plain-text repr that is the
same on every run (strict nbval compares it). All text from data files is escaped.
"""

from __future__ import annotations

from html import escape


class Block:
    """HTML for a notebook output, with a stable plain-text form."""

    def __init__(self, html: str, text: str):
        self._html, self._text = html, text

    def _repr_html_(self) -> str:
        return self._html

    def __repr__(self) -> str:
        return self._text


def esc(text: str) -> str:
    return escape(str(text), quote=True)


def ul(items, cls: str | None = None) -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<ul{attr}>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"
