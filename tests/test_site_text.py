"""Every file the site serves as text is clean UTF-8 with no control characters (a NUL byte in a
page makes tools treat it as binary and some browsers drop the rest of a style rule)."""

from __future__ import annotations

import re

CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def test_no_control_characters_in_pages_styles_and_scripts(built_site):
    bad = []
    for path in sorted(built_site.rglob("*")):
        if not path.is_file() or path.suffix not in (".html", ".css", ".js", ".svg", ".json"):
            continue
        data = path.read_bytes()
        data.decode("utf-8")
        m = CONTROL.search(data)
        if m:
            bad.append(f"{path.relative_to(built_site)}: byte {m.start()}: {data[max(0, m.start() - 40):m.start() + 10]!r}")
    assert not bad, "\n".join(bad[:10])
