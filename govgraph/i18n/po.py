"""Reading and writing gettext ``.po`` files (the subset govgraph's catalogue uses).

Each entry has a context (``msgctxt``, the key code looks a text up by), an English
``msgid`` (with ``msgid_plural`` for texts that depend on a number) and the translation
(``msgstr``, or ``msgstr[0]``, ``msgstr[1]``...). Comments and flags are kept.

>>> entries = parse_po('''
... msgctxt "errors"
... msgid "{n} error"
... msgid_plural "{n} errors"
... msgstr[0] "{n} erreur"
... msgstr[1] "{n} erreurs"
... ''')
>>> entries[0].key, entries[0].english, entries[0].translations
('errors', ('{n} error', '{n} errors'), ('{n} erreur', '{n} erreurs'))
>>> parse_po(format_po(entries)) == entries
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["PoEntry", "format_po", "parse_po", "quote"]

_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"\s*$')
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


@dataclass
class PoEntry:
    """One message: its key (``msgctxt``), English forms and translated forms."""

    key: str
    english: tuple[str, ...]
    translations: tuple[str, ...]
    comments: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def is_plural(self) -> bool:
        return len(self.english) > 1

    @property
    def is_fuzzy(self) -> bool:
        return "fuzzy" in self.flags


def _unquote(text: str) -> str:
    if "\\" not in text:  # most strings have no escape: no regular expression to run
        return text
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


def quote(text: str) -> str:
    """``text`` as a .po string literal.

    >>> quote('say "hi"\\n')
    '"say \\\\"hi\\\\"\\\\n"'
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped.replace(chr(9), chr(92) + "t")}"'


def parse_po(source: str) -> list[PoEntry]:
    """The entries of a .po file (the header, whose msgid is empty, is skipped)."""
    entries: list[PoEntry] = []
    fields: dict[str, str] = {}
    comments: list[str] = []
    flags: list[str] = []
    current: str | None = None

    def finish() -> None:
        nonlocal fields, comments, flags, current
        if fields.get("msgid"):
            plural = "msgid_plural" in fields
            english = (fields["msgid"], fields["msgid_plural"]) if plural else (fields["msgid"],)
            forms = sorted(k for k in fields if k.startswith("msgstr["))
            translations = (
                tuple(fields[k] for k in sorted(forms, key=lambda k: int(k[7:-1])))
                if plural
                else (fields.get("msgstr", ""),)
            )
            entries.append(
                PoEntry(
                    fields.get("msgctxt", fields["msgid"]), english, translations, comments, flags
                )
            )
        fields, comments, flags, current = {}, [], [], None

    for number, raw in enumerate(source.splitlines(), 1):
        line = raw.strip()
        if not line:
            if fields:
                finish()
            continue
        if line.startswith("#,"):
            if fields:
                finish()
            flags.extend(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        if line.startswith("#"):
            if fields:
                finish()
            comments.append(raw)
            continue
        if line.startswith('"') and line.endswith('"') and current is not None:
            fields[current] += _unquote(line[1:-1])
            continue
        match = _LINE.match(line)
        if match is None:
            raise ValueError(f"line {number}: not a .po line: {raw!r}")
        keyword = match.group(1)
        if (
            keyword in ("msgctxt", "msgid")
            and "msgid" in fields
            and any(k.startswith("msgstr") for k in fields)
        ):
            finish()
        current = keyword
        fields[keyword] = _unquote(match.group(3))
    if fields:
        finish()
    return entries


def format_po(entries: list[PoEntry], header: str = "") -> str:
    """A .po file holding ``header`` (its own lines, as is) then ``entries``."""
    blocks = [header.rstrip("\n")] if header else []
    for entry in entries:
        lines = [*entry.comments]
        if entry.flags:
            lines.append("#, " + ", ".join(entry.flags))
        lines.append(f"msgctxt {quote(entry.key)}")
        lines.append(f"msgid {quote(entry.english[0])}")
        if entry.is_plural:
            lines.append(f"msgid_plural {quote(entry.english[1])}")
            lines += [f"msgstr[{i}] {quote(t)}" for i, t in enumerate(entry.translations)]
        else:
            lines.append(f"msgstr {quote(entry.translations[0])}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
