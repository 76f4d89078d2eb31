"""The words of the progress pages and command (``strings.yml``), per language."""

from __future__ import annotations

import re
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


PLURAL = re.compile(r"\{(\w+)\|([^|{}]*(?:\{\w+\}[^|{}]*)*)\|([^|{}]*(?:\{\w+\}[^|{}]*)*)\}")


def plural(text: str, values: dict) -> str:
    """Resolve ``{n|one|other}``: the first form when ``values[n]`` is 1, else the second."""
    return PLURAL.sub(lambda m: m.group(2) if values.get(m.group(1)) == 1 else m.group(3), text)


def word(key: str, lang: str, **values) -> str:
    text = pick(_strings()[key], lang)
    return plural(text, values).format(**values) if values else text


def import_message(lang: str, added: int, known: int, file) -> str:
    """What an import says: the answers added, and those the store already held (if any)."""
    text = word("import_done", lang, added=added, file=file)
    if known:
        text += ("" if lang == "zh" else " ") + word("import_known", lang, known=known)
    return text


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def day_label(day: date, lang: str) -> str:
    month = word("months", lang).split()[day.month - 1]
    return word("day_format", lang, month=month, m=day.month, d=day.day)
