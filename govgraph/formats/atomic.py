"""Atomic writes: a file appears complete or not at all (temp file + rename).

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> atomic_write_text(target, "hello")
>>> target.read_text()
'hello'
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_directory", "atomic_write", "atomic_write_text"]


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _final_mode(path: Path, default: int) -> int:
    """The permissions the written file should have: those of the file it replaces,
    else the default a plain ``open()`` would give (``default`` less the umask) — not
    the owner-only mode of a temporary file."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return default & ~_umask()


def atomic_write(
    path: str | Path,
    write: Callable[[IO[Any]], None],
    *,
    newline: str | None = None,
    binary: bool = False,
) -> None:
    """Call ``write(handle)`` on a temporary file beside ``path``, then rename it over
    ``path``. If ``write`` raises, ``path`` is untouched and the temporary file removed.
    With ``binary``, the handle takes bytes (e.g. for a zip-based workbook)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, before the rename
        "wb" if binary else "w",
        encoding=None if binary else "utf-8",
        newline=None if binary else newline,
        dir=path.parent,
        prefix=f".{path.name}.",
        suffix=".tmp",
        delete=False,
    )
    try:
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, _final_mode(path, 0o666))
        os.replace(handle.name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(handle.name)
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically."""
    atomic_write(path, lambda handle: handle.write(text))


@contextlib.contextmanager
def atomic_directory(path: str | Path, owned: tuple[str, ...] = ()) -> Iterator[Path]:
    """Yield a temporary directory to fill; on success it replaces ``path``.

    A new ``path`` appears in one rename. An existing directory has each written file
    renamed into it (each file atomic), and files in it that the new content does not
    hold but that govgraph owns (``owned``) are removed. On error nothing changes.
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise FileExistsError(f"{path} exists and is not a directory")
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        yield staging
        if not path.exists():
            os.chmod(staging, _final_mode(path, 0o777))
            os.replace(staging, path)
            return
        written = {item.name for item in staging.iterdir()}
        for name in written:
            os.replace(staging / name, path / name)
        for name in set(owned) - written:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
