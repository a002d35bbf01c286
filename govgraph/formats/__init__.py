"""Reading and writing models in every supported format, chosen by the path.

A directory is the CSV form; otherwise the file's extension decides (``.yaml``,
``.yml``, ``.json``; more formats register themselves in ``FORMATS``).

Each format's reader and writer is imported on first use (``lazy``), so that reading a
YAML file does not load the CSV, spreadsheet or RDF code, nor the model before it is
needed.

>>> {".json", ".yaml", ".yml"} <= {s for f in FORMATS for s in f.suffixes}
True
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph.errors import InputError, ModelInvalidError
from govgraph.formats.atomic import check_target, note_input

if TYPE_CHECKING:
    from govgraph.findings import Finding
    from govgraph.formats.parse import RawModel
    from govgraph.model import GovernanceModel

__all__ = [
    "CSV_FORMAT",
    "FORMATS",
    "Format",
    "format_for",
    "lazy",
    "load_model",
    "read_model",
    "read_raw",
    "register_format",
    "validate_path",
    "write_model",
]


@dataclass(frozen=True)
class Format:
    """A file format: its name, the path endings it claims, and what it can do.

    ``read`` gives a ``RawModel`` (validated and checked by the caller) and
    ``write`` writes a model to a path atomically; either may be missing.
    """

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path], RawModel] | None = None
    write: Callable[[GovernanceModel, Path], None] | None = None


def lazy(module: str, name: str) -> Callable[..., Any]:
    """A function that imports ``govgraph.formats.<module>.<name>`` when first called.

    >>> read = lazy("documents", "read_document")
    >>> read.__name__, "govgraph.formats.documents" in read.__doc__
    ('read_document', True)
    """

    def call(*args: Any, **kwargs: Any) -> Any:
        function = getattr(importlib.import_module(f"govgraph.formats.{module}"), name)
        return function(*args, **kwargs)

    call.__name__ = name
    call.__doc__ = f"``govgraph.formats.{module}.{name}``, imported on first use."
    return call


CSV_FORMAT = Format(
    "csv", (), lazy("spreadsheet", "read_csv_directory"), lazy("spreadsheet", "write_csv_directory")
)
FORMATS: list[Format] = [
    Format(
        "yaml",
        (".yaml", ".yml"),
        lazy("documents", "read_document"),
        lazy("documents", "write_yaml"),
    ),
    Format("json", (".json",), lazy("documents", "read_document"), lazy("documents", "write_json")),
]


def register_format(fmt: Format) -> None:
    """Add a format; a longer suffix (``.popolo.json``) wins over a shorter one."""
    FORMATS.append(fmt)


def format_for(path: str | Path, *, for_writing: bool = False) -> Format:
    """The format of ``path``: CSV for a directory (or, when writing, a path with no
    extension or a trailing slash), else by the longest matching extension."""
    text = str(path)
    target = Path(path)
    name = target.name.lower()
    matches = [(len(s), f) for f in FORMATS for s in f.suffixes if name.endswith(s)]
    if for_writing and matches and target.is_dir():
        raise InputError(
            "is a directory: refusing to write a file over it (a CSV directory is "
            "written to a path without an extension)",
            file=text,
        )
    if target.is_dir() or (for_writing and (text.endswith(("/", "\\")) or not target.suffix)):
        return CSV_FORMAT
    if not matches:
        known = ", ".join(s for f in FORMATS for s in f.suffixes)
        raise InputError(f"unknown format (expected a directory for CSV, or {known})", file=text)
    return max(matches, key=lambda match: match[0])[1]


def read_raw(path: str | Path) -> RawModel:
    """Read ``path`` into a ``RawModel`` (parse errors raise ``InputError``)."""
    fmt = format_for(path)
    if fmt.read is None:
        raise InputError(f"govgraph can write {fmt.name} but not read it", file=str(path))
    note_input(path)
    return fmt.read(Path(path))


def read_model(path: str | Path) -> GovernanceModel:
    """Read and validate the structure of a model file, without the rule checks.

    Raises ``InputError`` (parse errors) or ``ModelInvalidError`` (malformed records),
    each naming the file, line and field.
    """
    from govgraph.formats.parse import model_from_raw

    return model_from_raw(read_raw(path))


def validate_path(
    path: str | Path, as_of: str | date | None = None
) -> tuple[GovernanceModel, list[Finding]]:
    """Read, validate and check a model file: the model and every located finding
    (errors first). Malformed records raise ``ModelInvalidError``. With ``as_of``, the
    rules are checked on (and the model returned is) what was valid that day."""
    from govgraph.formats.parse import check_raw

    return check_raw(read_raw(path), as_of)


def load_model(path: str | Path) -> GovernanceModel:
    """Read a model file that must be valid: any error-level finding (duplicate id,
    dangling reference, cycle...) raises ``ModelInvalidError``. Warnings are allowed.

    >>> load_model("no/such/file.yaml")
    Traceback (most recent call last):
    ...
    govgraph.errors.InputError: no/such/file.yaml: no such file
    """
    from govgraph.findings import errors_in

    model, findings = validate_path(path)
    errors = errors_in(findings)
    if errors:
        raise ModelInvalidError(errors, file=str(path))
    return model


def write_model(model: GovernanceModel, path: str | Path) -> None:
    """Write ``model`` to ``path`` in the format the path names, atomically."""
    fmt = format_for(path, for_writing=True)
    if fmt.write is None:
        raise InputError(f"govgraph can read {fmt.name} but not write it", file=str(path))
    check_target(path, directory=fmt is CSV_FORMAT)  # before the work, not after it
    fmt.write(model, Path(path))


# Interoperability formats (xlsx, W3C ORG, Popolo, GraphML, GEXF) register themselves.
from govgraph.formats import interop as _interop  # noqa: E402, F401
