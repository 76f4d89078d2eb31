"""Diagrams shared between pages: an image a lesson embeds as a ``data:`` URI (the notebooks
carry their SVG diagrams inline, so they show in JupyterLab too) is written once to
``lib/img/<digest>.<ext>`` and the pages link it. A deck, its readable page and the class plans
that hold the lesson then share one file the browser caches, instead of three base64 copies.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import unquote

from .files import write_if_changed
from .names import LIB

_DATA_SRC = re.compile(r'(<img\b[^>]*?\bsrc=)(["\'])data:image/(svg\+xml|png|jpeg|gif|webp)(;base64)?,([^"\']*)\2', re.I)
_EXT = {"svg+xml": "svg", "png": "png", "jpeg": "jpg", "gif": "gif", "webp": "webp"}
FOLDER = "img"


def share_images(html: str, site: Path, prefix: str = "../") -> str:
    """``html`` with each ``<img src="data:image/...">`` written to ``lib/img/`` and linked instead."""

    def replace(m: re.Match) -> str:
        kind, is_base64, payload = m.group(3).lower(), m.group(4), m.group(5)
        data = base64.b64decode(payload) if is_base64 else unquote(payload).encode("utf-8")
        name = f"{hashlib.sha256(data).hexdigest()[:16]}.{_EXT[kind]}"
        write_if_changed(Path(site) / LIB / FOLDER / name, data)
        return f"{m.group(1)}{m.group(2)}{prefix}{LIB}/{FOLDER}/{name}{m.group(2)}"

    return _DATA_SRC.sub(replace, html)
