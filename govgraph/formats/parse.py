"""From a raw document (what a YAML, JSON or CSV reader produced) to a checked model,
with every problem located in the file it came from.

A reader gives a ``RawModel``: the plain document and a way to turn document paths
such as ``("entities", 3, "kind")`` into a ``Location`` (file, line, field). Structural
problems (unknown kind, bad date, unknown field...) and the validator's findings are
both reported as located findings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from govgraph.checks import check_model
from govgraph.errors import InputError, ModelInvalidError
from govgraph.findings import Finding, Severity, errors_in
from govgraph.i18n import Phrase
from govgraph.i18n.validation import hint, phrase_of
from govgraph.model import Entity, GovernanceModel, LocalizedText, Relationship
from govgraph.temporal import as_of, valid_positions
from govgraph.vocabulary import EntityKind, RelationType

__all__ = ["Location", "RawModel", "check_raw", "locate_findings", "model_from_raw"]

DocPath = tuple[str | int, ...]
#: At most this many structural errors are reported for one file.
MAX_ERRORS = 100


@dataclass(frozen=True)
class Location:
    """Where something is in the files: ``file:line`` and the field as the file names
    it (``entities[3].kind`` in a document, the column ``name_en`` in a CSV file)."""

    file: str
    line: int | None = None
    field: str | None = None


@dataclass
class RawModel:
    """A document as read from files, before validation."""

    document: Any
    origin: str
    locate: Callable[[Sequence[DocPath]], dict[DocPath, Location]]
    #: what the reader tells about how it read the files: (file, English, French),
    #: e.g. the edge-list dialect of a table; ``check_raw`` gives them as notes
    notes: tuple[tuple[str, str, str], ...] = ()


_KNOWN_FIELDS = sorted(
    {
        info.alias or name
        for model in (Entity, Relationship, GovernanceModel, LocalizedText)
        for name, info in model.model_fields.items()
    }
)


def _part(part: Any) -> str:
    """A part of a field path as text; a key holding a character that is not printable
    (a line break would split the one-line message) as its quoted repr.

    >>> _part("name"), _part(3), _part("\\n")
    ('name', '3', "'\\\\n'")
    """
    text = str(part)
    return text if text.isprintable() else repr(text)


def _path_of(loc: tuple[Any, ...]) -> tuple[tuple[str, int] | None, str | None]:
    if len(loc) >= 2 and loc[0] in ("entities", "relationships") and isinstance(loc[1], int):
        rest = loc[2:]
        return (str(loc[0]), loc[1]), ".".join(_part(part) for part in rest) or None
    return None, ".".join(_part(part) for part in loc) or None


def _phrase_of(error: ErrorDetails, field: str | None) -> tuple[str, Phrase]:
    """The finding code and message of a pydantic error about a record's field."""
    kind, value = error["type"], error.get("input")
    last = str(error["loc"][-1]) if error["loc"] else ""
    if kind == "enum" and field in ("kind", "type"):
        choices = [k.value for k in (EntityKind if field == "kind" else RelationType)]
        return f"unknown-{field}", Phrase(
            f"input.unknown_{field}",
            value=value,
            choices=", ".join(choices),
            hint=hint(value, choices),
        )
    if kind == "extra_forbidden":
        return "unknown-field", phrase_of(error, fields=_KNOWN_FIELDS)
    if kind == "missing":
        return "missing-field", phrase_of(error)
    if last in ("valid_from", "valid_to"):
        return "invalid-date", Phrase("input.invalid_date", message=phrase_of(error))
    if kind == "string_type" and isinstance(value, bool):
        return "invalid-value", Phrase("input.yaml_boolean", value=value)
    if kind == "model_type" and last in ("name", "acronym", "title"):
        return "invalid-value", Phrase("input.localized_text", field=last, value=value)
    return "invalid-value", Phrase("input.invalid_value", message=phrase_of(error))


def _finding_from_error(error: ErrorDetails) -> Finding:
    record, field = _path_of(error["loc"])
    code, message = _phrase_of(error, field)
    return Finding(
        code=code,
        severity=Severity.error,
        entities=(),
        message_en=message.said_in("en"),
        message_fr=message.said_in("fr"),
        record=record,
        field=field,
    )


def locate_findings(findings: Sequence[Finding], raw: RawModel) -> list[Finding]:
    """The findings with ``file`` and ``line`` filled in from the raw model's locator."""
    paths: dict[Finding, DocPath] = {}
    for finding in findings:
        if finding.record is not None:
            path: DocPath = finding.record
            if finding.field:
                path = (*path, *finding.field.split("."))
            paths[finding] = path
    located = raw.locate(list(set(paths.values()))) if paths else {}
    result = []
    for finding in findings:
        where = located.get(paths.get(finding, ()))
        if where is None:
            result.append(finding.model_copy(update={"file": raw.origin}))
        else:
            result.append(
                finding.model_copy(
                    update={"file": where.file, "line": where.line, "field_in_file": where.field}
                )
            )
    return result


def model_from_raw(raw: RawModel) -> GovernanceModel:
    """Validate the document's structure. Raises ``InputError`` when it is not a
    mapping, ``ModelInvalidError`` (located findings) when records are malformed."""
    if not isinstance(raw.document, dict):
        raise InputError(
            Phrase("input.not_a_mapping"),
            file=raw.origin,
            line=1,
        )
    try:
        return GovernanceModel.model_validate(raw.document)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        findings = [_finding_from_error(error) for error in errors[:MAX_ERRORS]]
        raise ModelInvalidError(locate_findings(findings, raw), file=raw.origin) from None


def _renumber(findings: list[Finding], positions: dict[str, list[int]]) -> list[Finding]:
    """Findings about a time slice, with record positions of the whole file."""
    return [
        f.model_copy(update={"record": (f.record[0], positions[f.record[0]][f.record[1]])})
        if f.record is not None
        else f
        for f in findings
    ]


def _reader_notes(raw: RawModel) -> list[Finding]:
    """The reader's notes as info findings (code ``read-dialect``)."""
    return [
        Finding(
            code="read-dialect",
            severity=Severity.info,
            message_en=english,
            message_fr=french,
            file=file,
            line=1,
        )
        for file, english, french in raw.notes
    ]


def check_raw(
    raw: RawModel, day: str | date | None = None
) -> tuple[GovernanceModel, list[Finding]]:
    """Validate and check a raw model: the model and every located finding.
    Structural errors raise ``ModelInvalidError``; rule errors are among the findings.
    With ``day``, the rules are checked on what was valid that day (see ``as_of``)."""
    model = model_from_raw(raw)
    raw.document = None  # the model holds it all now: a big file's raw copy goes first
    if day is None:
        findings = check_model(model)
    else:
        entities, relationships = valid_positions(model, day)
        model = as_of(model, day)
        positions = {"entities": entities, "relationships": relationships}
        findings = _renumber(check_model(model), positions)
    notes = _reader_notes(raw)  # located already: kept out of locate_findings
    if not findings:
        return model, notes
    # locating costs a re-read of the file: do it for errors and a bounded number of warnings
    errors = errors_in(findings)
    others = [f for f in findings if not f.is_error]
    head = locate_findings(errors[:MAX_ERRORS] + others[:MAX_ERRORS], raw)
    shown = min(len(errors), MAX_ERRORS)
    return model, [
        *head[:shown],
        *errors[MAX_ERRORS:],
        *head[shown:],
        *others[MAX_ERRORS:],
        *notes,
    ]
