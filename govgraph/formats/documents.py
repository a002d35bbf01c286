"""The canonical on-disk form: one YAML or JSON document with ``entities`` and
``relationships`` lists (and optional ``title``, ``description``, ``rules``).

>>> import tempfile, pathlib
>>> from govgraph.model import GovernanceModel
>>> path = pathlib.Path(tempfile.mkdtemp()) / "m.yaml"
>>> _ = path.write_text("entities:\\n  - {id: a, kind: council, name: {en: A}}\\n")
>>> raw = read_document(path)
>>> raw.document["entities"][0]["id"], raw.origin == str(path)
('a', True)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from govgraph.errors import InputError
from govgraph.formats.atomic import atomic_write
from govgraph.formats.locate import locate_lines
from govgraph.formats.parse import DocPath, Location, RawModel
from govgraph.formats.safe_json import load_json
from govgraph.formats.safe_yaml import load_yaml, read_text
from govgraph.model import GovernanceModel

__all__ = ["parse_document", "read_document", "write_json", "write_yaml"]

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _field_name(path: DocPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_document(path: str | Path) -> RawModel:
    """Read a YAML (``.yaml``/``.yml``) or JSON (``.json``) model document.

    Raises ``InputError`` with the file and line when it does not parse.
    """
    path = Path(path)
    origin = str(path)
    text = read_text(path)
    return parse_document(text, origin, is_json=path.suffix.lower() == ".json")


def parse_document(text: str, origin: str, *, is_json: bool) -> RawModel:
    """Parse a YAML or JSON model document given as text (``origin`` names it in
    messages, e.g. ``<stdin>``).

    >>> parse_document('{"entities": []}', "<stdin>", is_json=True).origin
    '<stdin>'
    """
    if is_json:
        document = load_json(text, origin)
    else:
        document = load_yaml(text, origin)
        if document is None:
            raise InputError("the document is empty", file=origin, line=1)

    def locate(paths: Sequence[DocPath]) -> dict[DocPath, Location]:
        lines = locate_lines(text, paths)
        return {p: Location(origin, lines.get(p), _field_name(p)) for p in paths}

    return RawModel(document=document, origin=origin, locate=locate)


def write_yaml(model: GovernanceModel, path: str | Path) -> None:
    """Write ``model`` as a YAML document, atomically."""
    document = model.to_document()
    atomic_write(
        path,
        lambda handle: yaml.dump(
            document,
            handle,
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=100,
        ),
    )


def write_json(model: GovernanceModel, path: str | Path) -> None:
    """Write ``model`` as a JSON document, atomically."""

    def write(handle: Any) -> None:
        json.dump(model.to_document(), handle, ensure_ascii=False, indent=1)
        handle.write("\n")

    atomic_write(path, write)
