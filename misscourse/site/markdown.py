"""A lesson notebook's markdown as HTML, for the pages the site writes itself (guides, sheets)."""

from __future__ import annotations

import mistune
from markupsafe import Markup

markdown = mistune.create_markdown(escape=False, plugins=["strikethrough", "table"])


def render_markdown(source: str) -> Markup:
    """A notebook's markdown as HTML, as the lesson pages show it (the notebooks are the course's own text)."""
    return Markup(markdown(source))
