"""Findings: what the validator and the health analyses report, as plain data.

A finding has a stable ``code``, a ``severity``, the ids of the entities concerned,
a message in English and French and, when it comes from one record of a model file,
where that record is.

>>> f = Finding(code="no-formal-parent", severity=Severity.warning, entities=("wg",),
...             message_en="no formal parent", message_fr="aucun parent officiel")
>>> f.message("fr"), f.is_error
('aucun parent officiel', False)
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

__all__ = ["Finding", "Severity", "errors_in", "grouped_rows"]


class Severity(StrEnum):
    """How serious a finding is: errors make a model invalid (exit 2 on load)."""

    error = "error"
    warning = "warning"
    info = "info"


class Finding(BaseModel):
    """One thing found about a model."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    severity: Severity
    entities: tuple[str, ...] = ()
    message_en: str
    message_fr: str
    #: ("entities" | "relationships", index) of the record the finding is about.
    record: tuple[str, int] | None = None
    #: the field of that record, e.g. ``to``.
    field: str | None = None
    file: str | None = None
    line: int | None = None
    #: how the field is named in the file it was read from (a CSV column, a YAML path)
    field_in_file: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.error

    @property
    def field_path(self) -> str | None:
        """The field as named in its file when located (``entities[3].kind`` in YAML,
        ``name_en`` in CSV), else a ``relationships[3].to``-style path."""
        if self.field_in_file:
            return self.field_in_file
        if self.record is None:
            return self.field
        path = f"{self.record[0]}[{self.record[1]}]"
        return f"{path}.{self.field}" if self.field else path

    @property
    def location(self) -> str:
        """``file:line`` (or what is known of it), empty when unknown."""
        if self.file and self.line:
            return f"{self.file}:{self.line}"
        return self.file or ""

    def message(self, lang: str = "en") -> str:
        """The message in ``lang`` (``en`` or ``fr``)."""
        return self.message_fr if lang == "fr" else self.message_en

    def as_row(self, lang: str = "en") -> dict[str, Any]:
        """A flat, JSON-ready row for tables and exports."""
        return {
            "severity": self.severity.value,
            "code": self.code,
            "location": self.location,
            "field": self.field_path or "",
            "entities": list(self.entities),
            "message": self.message(lang),
        }


def errors_in(findings: list[Finding]) -> list[Finding]:
    """The error-level findings, in order.

    >>> errors_in([])
    []
    """
    return [f for f in findings if f.is_error]


#: How many entity ids a grouped row shows.
GROUP_ENTITIES_SHOWN = 5


def grouped_rows(findings: list[Finding], lang: str = "en") -> list[dict[str, Any]]:
    """One row per finding code, in order of first appearance: ``severity``, ``code``,
    ``count``, the first finding's ``location`` and ``message``, and the ``entities``
    of the first few (a short table however many findings there are: 7,514
    ``no-support`` warnings are one row).

    >>> warn = [Finding(code="no-support", severity=Severity.warning, entities=(wg,),
    ...                 message_en=f"{wg} has no support", message_fr="") for wg in "abc"]
    >>> [(r["code"], r["count"], r["entities"]) for r in grouped_rows(warn)]
    [('no-support', 3, ['a', 'b', 'c'])]
    """
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.code, []).append(finding)
    rows = []
    for code, members in groups.items():
        first = members[0]
        entities: list[str] = []
        for finding in members:
            for entity in finding.entities[:1] or ():
                if entity not in entities:
                    entities.append(entity)
            if len(entities) > GROUP_ENTITIES_SHOWN:
                break
        shown = entities[:GROUP_ENTITIES_SHOWN]
        if len(entities) > GROUP_ENTITIES_SHOWN or len(members) > len(shown) > 0:
            shown.append("…")
        rows.append(
            {
                "severity": first.severity.value,
                "code": code,
                "count": len(members),
                "location": first.location,
                "entities": shown if len(members) > 1 else list(first.entities),
                "message": first.message(lang),
            }
        )
    return rows
