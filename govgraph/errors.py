"""Every exception govgraph raises, under one base class.

The CLI turns them into one-line messages and exit codes: ``exit_code`` says which.

>>> str(InputError("unknown kind 'councl'", file="m.yaml", line=7, field="entities[2].kind"))
"m.yaml:7: entities[2].kind: unknown kind 'councl'"
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from govgraph.i18n import Phrase, said_in

if TYPE_CHECKING:
    from govgraph.findings import Finding

__all__ = [
    "GovgraphError",
    "InputError",
    "ModelInvalidError",
    "UnknownEntityError",
]


class GovgraphError(Exception):
    """Base class of govgraph's errors. ``exit_code`` is what the CLI exits with."""

    exit_code: int = 2


class InputError(GovgraphError):
    """Bad input: a file, a value or an argument that cannot be used as given.

    ``file``, ``line`` and ``field`` say where, when known. ``message`` is English text
    or a ``Phrase`` of the catalogue (``text_in(lang)`` says it in either language).
    """

    def __init__(
        self,
        message: str | Phrase,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.phrase = message if isinstance(message, Phrase) else None
        self.message = str(message)
        self.file = file
        self.line = line
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"

    def text_in(self, lang: str) -> str:
        """The message (without the place) in ``lang``.

        >>> InputError(Phrase("count.errors", n=2), file="m.yaml").text_in("fr")
        '2 erreurs'
        """
        return said_in(self.phrase if self.phrase is not None else self.message, lang)


class ModelInvalidError(InputError):
    """A model that parsed but breaks an error-level rule (duplicate id, cycle...).

    ``findings`` holds every error-level finding, located where possible.
    """

    def __init__(self, findings: Sequence[Finding], *, file: str | None = None) -> None:
        self.findings = list(findings)
        first = self.findings[0]
        more = len(self.findings) - 1
        suffix = f" (and {more} more error{'s' if more > 1 else ''})" if more else ""
        super().__init__(
            f"{first.code}: {first.message_en}{suffix}",
            file=first.file or file,
            line=first.line,
            field=first.field_path,
        )


class UnknownEntityError(InputError, KeyError):
    """An id that the model does not hold; ``suggestions`` are close ids."""

    def __init__(self, entity_id: str, suggestions: Sequence[str] = ()) -> None:
        self.entity_id = entity_id
        self.suggestions = list(suggestions)
        hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"unknown id {entity_id!r}{hint}")

    def __str__(self) -> str:  # KeyError would quote the message
        return InputError.__str__(self)
