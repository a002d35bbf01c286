"""Import by mapping: any CSV or .xlsx tables into a model, by a small YAML mapping
that says which column is the id, the kind, the names, the dates, the tags, which
columns become relationships or attributes, and how tables join (``docs/import.md``).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "orgs.csv").write_text("org_id,title\\n1,Transport Canada\\n")
>>> _ = (folder / "orgs.mapping.yaml").write_text(
...     "tables: {orgs: {file: orgs.csv}}\\n"
...     "entities:\\n- {table: orgs, id: {column: org_id, prefix: org-},"
...     " kind: organization, name: {en: title}}\\n")
>>> result = import_mapping(folder / "orgs.mapping.yaml")
>>> result.model.entity("org-1").label(), result.findings
('Transport Canada', [])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from govgraph.errors import InputError
from govgraph.findings import Finding
from govgraph.formats.parse import check_raw
from govgraph.formats.safe_yaml import read_yaml_file
from govgraph.importing.build import ImportResult, build
from govgraph.importing.spec import Mapping
from govgraph.model import GovernanceModel

__all__ = ["ImportResult", "ImportedModel", "Mapping", "build", "import_mapping", "read_mapping"]


@dataclass
class ImportedModel:
    """An imported model, its findings (located in the tables) and the rows skipped."""

    model: GovernanceModel
    findings: list[Finding]
    skipped: dict[str, int] = field(default_factory=dict)
    #: the files read: the mapping and its tables (an output must not be one of them)
    inputs: list[Path] = field(default_factory=list)


def read_mapping(path: str | Path) -> Mapping:
    """Read and check a mapping file. Raises ``InputError`` naming the file, line (when
    known) and field of the first problem."""
    origin = str(path)
    if Path(path).is_dir():
        raise InputError("a directory, not a mapping file", file=origin)
    # govgraph's one YAML loader: alias, depth and size limits, refuses repeated keys
    document = read_yaml_file(path)
    if not isinstance(document, dict):
        raise InputError("expected a mapping with 'tables' and 'entities'", file=origin, line=1)
    try:
        return Mapping.model_validate(document)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in error["loc"]) or None
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = f"unknown key {str(error['loc'][-1])!r}"
        raise InputError(message, file=origin, field=where) from None


def import_mapping(path: str | Path) -> ImportedModel:
    """Import the tables a mapping file names (paths relative to the mapping file).

    Raises ``InputError`` (a bad mapping or cell: table, line and column) or
    ``ModelInvalidError`` (records the model refuses, located in the tables).
    Error-level findings of the model's rules are among ``findings``.
    """
    mapping = read_mapping(path)
    result = build(mapping, Path(path).parent)
    result.raw.origin = str(path)
    model, findings = check_raw(result.raw)
    inputs = [Path(path), *(Path(path).parent / t.file for t in mapping.tables.values())]
    return ImportedModel(model, findings, result.skipped, inputs)
