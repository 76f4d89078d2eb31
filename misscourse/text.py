"""Text in several languages, side by side: ``{en: "...", zh: "..."}``."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BeforeValidator

LANGUAGES = ("en", "zh")
DEFAULT_LANGUAGE = "en"
HTML_LANG = {"en": "en", "zh": "zh-Hans"}


def _as_mapping(value):
    if isinstance(value, str):
        return {"en": value}
    return value


def _check_text(value: dict[str, str]) -> dict[str, str]:
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise ValueError(f"unknown language {unknown[0]!r} (use {', '.join(LANGUAGES)})")
    if "en" not in value:
        raise ValueError("English text ('en') is missing")
    for lang, text in value.items():
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"empty text for language {lang!r}")
    return {lang: text.strip() for lang, text in value.items()}


Text = Annotated[dict[str, str], BeforeValidator(_as_mapping), AfterValidator(_check_text)]


def _check_text_list(value: dict[str, list[str]]) -> dict[str, list[str]]:
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise ValueError(f"unknown language {unknown[0]!r} (use {', '.join(LANGUAGES)})")
    if not value.get("en"):
        raise ValueError("English list ('en') is missing or empty")
    for lang, items in value.items():
        if any(not str(i).strip() for i in items):
            raise ValueError(f"an empty item in the {lang!r} list")
    return value


TextList = Annotated[dict[str, list[str]], AfterValidator(_check_text_list)]


def pick(text: dict, lang: str):
    """The text in ``lang``, falling back to English when a translation is missing."""
    return text.get(lang) or text[DEFAULT_LANGUAGE]
