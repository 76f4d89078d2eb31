"""The one way the site writes a file: atomically (a reader never sees half a file) and only when
its content changed (a rebuild with no change touches nothing, so its timestamps stay)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write ``content`` to ``path`` unless it already holds exactly that; return True if written."""
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def copy_if_changed(src: Path, dest: Path) -> bool:
    """Copy a file (bytes) into the site unless ``dest`` already holds the same bytes."""
    src, dest = Path(src), Path(dest)
    try:
        if dest.stat().st_size == src.stat().st_size and dest.read_bytes() == src.read_bytes():
            return False
    except FileNotFoundError:
        dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dest)
    return True
