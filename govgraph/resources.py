"""Files govgraph reads at run time (Cypher statements, HTML templates), found both in
an installed wheel (inside the package) and in a source checkout or editable install
(``cypher/`` at the top of the repository).

>>> (cypher_dir() / "README.md").is_file()
True
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["cypher_dir", "package_dir"]

_PACKAGE = Path(__file__).resolve().parent


def package_dir() -> Path:
    """The installed ``govgraph`` package directory."""
    return _PACKAGE


def cypher_dir() -> Path:
    """The directory of ``.cypher`` files."""
    for candidate in (_PACKAGE / "cypher", _PACKAGE.parent / "cypher"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("govgraph's cypher/ directory is missing from this installation")
