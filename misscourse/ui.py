"""The course's own interface words (``ui_strings.yml``) in each language."""

from __future__ import annotations

from functools import lru_cache

import yaml

from .paths import PACKAGE_DIR
from .text import pick


@lru_cache(maxsize=1)
def ui_strings() -> dict[str, dict[str, str]]:
    return yaml.safe_load((PACKAGE_DIR / "ui_strings.yml").read_text(encoding="utf-8"))


def ui_text(key: str, lang: str) -> str:
    return pick(ui_strings()[key], lang)


def ui_table(lang: str) -> dict[str, str]:
    return {key: pick(value, lang) for key, value in ui_strings().items()}
