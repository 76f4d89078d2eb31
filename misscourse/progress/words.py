"""The words of the progress pages and command (``strings.yml``), per language."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from ..text import pick

STRINGS_FILE = Path(__file__).with_name("strings.yml")


@lru_cache(maxsize=1)
def _strings() -> dict[str, dict[str, str]]:
    return yaml.safe_load(STRINGS_FILE.read_text(encoding="utf-8"))


def words(lang: str) -> dict[str, str]:
    """Every progress string in ``lang`` (English where a translation is missing)."""
    return {key: pick(value, lang) for key, value in _strings().items()}


def word(key: str, lang: str, **values) -> str:
    text = pick(_strings()[key], lang)
    return text.format(**values) if values else text


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def day_label(day: date, lang: str) -> str:
    month = word("months", lang).split()[day.month - 1]
    return word("day_format", lang, month=month, m=day.month, d=day.day)
