"""A file's SHA-256, and replacing a file atomically."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from ..readers import InputError, read_file


def file_sha256(path: str | Path) -> str | None:
    """The SHA-256 of the file's bytes, None when it cannot be read."""
    try:
        return hashlib.sha256(read_file(path, regular_only=True)).hexdigest()
    except InputError:
        return None


def atomic_write(path: Path, data: bytes) -> None:
    """Replace the file's content at once: a reader sees the old file or the new, never half."""
    with replacing(path) as out:
        out.write(data)


@contextmanager
def replacing(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write the new content into: a temporary file in the same folder, renamed
    over `path` (keeping its permission bits) when the block ends, removed if it fails. A
    symbolic link is followed: its target gets the new content and the link stays a link."""
    path = Path(os.path.realpath(path))
    mode = path.stat().st_mode & 0o7777
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
