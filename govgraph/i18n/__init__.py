"""Every English and French text govgraph shows, from one gettext catalogue.

The catalogue is ``govgraph/i18n/locale/fr/LC_MESSAGES/govgraph.po``: each entry's
``msgctxt`` is the key code asks for, its ``msgid`` the English text (``msgid_plural``
for the English plural) and its ``msgstr`` the French (``msgstr[0]`` for 0 and 1,
``msgstr[1]`` from 2: French says "0 erreur", English "0 errors"). Placeholders are
``str.format`` fields (``{path}``, ``{n}``), the same in both languages.

>>> text("entities", "fr"), kind_name("working_group", "fr")
('Entités', 'Groupe de travail')
>>> plural("count.errors", 0, "fr"), plural("count.errors", 0, "en")
('0 erreur', '0 errors')
>>> text("written", "fr", path="out.json")
'Écrit : out.json'
>>> text("no-such-key", "fr")
'no-such-key'

To add a message: add an entry to the .po file (or, for ``("English", "Français")``
pairs, put them in a Python file as ``_TEXT = {"key": ("English", "Français")}`` and run
``python -m govgraph.i18n.sync that_file.py``), then call ``text("key", lang, ...)``
(``plural("key", n, lang, ...)`` for a text that depends on a number). The test suite
fails on a key used in code but missing from the catalogue, on an empty or fuzzy
translation and on placeholders that differ between the languages.

An error or a finding that is shown later, in a language not known yet, holds a
``Phrase``: the key and its values, said in a language when it is shown (its ``str``
is the English)::

>>> str(Phrase("error.unknown_id", id="pssd")), Phrase("error.unknown_id", id="pssd").said_in("fr")
("unknown id 'pssd'", 'identifiant inconnu « pssd »')

``default_language()`` picks the language when ``--lang`` is not given:
``GOVGRAPH_LANG``, then the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``; ``fr_*`` is
French), else English.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govgraph.i18n.po import PoEntry

__all__ = [
    "CATALOGUE_PATH",
    "LANGUAGES",
    "Phrase",
    "catalogue",
    "default_language",
    "kind_name",
    "level_name",
    "plural",
    "quoted",
    "role_name",
    "said_in",
    "text",
    "translate_message",
    "type_name",
]

LANGUAGES = ("en", "fr")
#: The catalogue (a path as text: pathlib would slow the command line's start).
CATALOGUE_PATH = os.path.join(
    os.path.dirname(__file__), "locale", "fr", "LC_MESSAGES", "govgraph.po"
)

#: Which plural form a count takes (the .po header's Plural-Forms, as Python).
_PLURAL_FORM = {"en": lambda n: int(n != 1), "fr": lambda n: int(n > 1)}


@cache
def catalogue() -> dict[str, PoEntry]:
    """Every entry of the catalogue by key, read once."""
    from govgraph.i18n.po import parse_po

    with open(CATALOGUE_PATH, encoding="utf-8") as handle:
        entries = parse_po(handle.read())
    return {entry.key: entry for entry in entries}


def _forms(key: str, lang: str) -> tuple[str, ...] | None:
    entry = catalogue().get(str(key))
    if entry is None:
        return None
    if lang == "fr" and all(entry.translations) and not entry.is_fuzzy:
        return entry.translations
    return entry.english


def text(key: str, lang: str = "en", /, **values: object) -> str:
    """The text ``key`` in ``lang``, filled with ``values``; an unknown key comes back
    as is. A text with plural forms takes the form of the count ``n`` if given.

    >>> text("briefing.sum_coverage", "fr", n=1)
    'La représentation des gouvernements change pour 1 organe.'
    """
    forms = _forms(key, lang)
    if forms is None:
        return str(key)
    count = values.get("n")
    if len(forms) > 1 and isinstance(count, int):
        return plural(key, count, lang, **{k: v for k, v in values.items() if k != "n"})
    if values:
        return forms[0].format(**values)
    return forms[0].replace("{{", "{").replace("}}", "}")  # a literal brace, unescaped


def quoted(value: object, lang: str = "en") -> str:
    """A value quoted as the language quotes it in running text.

    >>> quoted("pssdc"), quoted("pssdc", "fr")
    ("'pssdc'", '« pssdc »')
    """
    return text("quote.value", lang, value=value)


def plural(key: str, count: int, lang: str = "en", /, **values: object) -> str:
    """The text ``key`` in the form ``count`` takes in ``lang``, with ``{n}`` = count
    (grouped by thousands in French).

    >>> plural("count.options", 1, "en"), plural("count.options", 2, "fr")
    ('1 option', '2 options')
    >>> plural("count.entities", 12345, "fr"), plural("count.entities", 12345, "en")
    ('12\u202f345 entités', '12345 entities')
    """
    forms = _forms(key, lang)
    if forms is None:
        return str(key)
    form = forms[min(_PLURAL_FORM.get(lang, _PLURAL_FORM["en"])(count), len(forms) - 1)]
    shown: object = count
    if lang == "fr" and abs(count) >= 1000:  # 12 345 in French (govgraph.i18n.numbers)
        from govgraph.i18n.numbers import number

        shown = number(count, lang)
    return form.format(n=shown, **values)


class Phrase:
    """A text of the catalogue not said yet: its key and values (values that are
    themselves ``Phrase`` objects are said in the same language; a callable value, such
    as a finding's ``message``, is called with the language).

    >>> Phrase("count.errors", n=2).said_in("fr"), str(Phrase("count.errors", n=1))
    ('2 erreurs', '1 error')
    """

    __slots__ = ("key", "values")

    def __init__(self, key: str, /, **values: object) -> None:
        self.key = key
        self.values = values

    def said_in(self, lang: str = "en") -> str:
        """The text in ``lang``."""
        values = {
            k: v.said_in(lang) if isinstance(v, Phrase) else v(lang) if callable(v) else v
            for k, v in self.values.items()
        }
        return text(self.key, lang, **values)

    def __str__(self) -> str:
        return self.said_in("en")

    def __repr__(self) -> str:
        return f"Phrase({self.key!r}, **{self.values!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.key, self.values) == (other.key, other.values)

    def __hash__(self) -> int:
        return hash((self.key, tuple(sorted(map(str, self.values.items())))))


def said_in(message: object, lang: str) -> str:
    """``message`` in ``lang``: a ``Phrase`` is said; an exception holding a ``Phrase``
    (e.g. a validator's ``ValueError(Phrase(...))``) says it; other text goes through
    ``translate_message``.

    >>> said_in(ValueError(Phrase("count.errors", n=0)), "fr"), said_in("plain", "fr")
    ('0 erreur', 'plain')
    """
    if isinstance(message, BaseException) and len(message.args) == 1:
        message = message.args[0]
    if isinstance(message, Phrase):
        return message.said_in(lang)
    return translate_message(str(message), lang)


#: The catalogue sections ``translate_message`` reads: govgraph's messages raised as
#: English text, the words of the parsers govgraph uses (PyYAML, json, csv), and the
#: operating system's words for its common errors (``os.strerror``, by errno name).
_TRANSLATED_PREFIXES = ("message.", "parser.", "os.")


@cache
def _message_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """The ``message.*`` and ``parser.*`` entries as regular expressions over their
    English text, the most specific (the longest fixed text) first."""
    patterns = []
    for key, entry in catalogue().items():
        if key.startswith(_TRANSLATED_PREFIXES):
            parts = re.split(r"\{(\w+)[^}]*\}", entry.english[0])
            literals = [p.replace("{{", "{").replace("}}", "}") for p in parts[::2]]
            regex = "".join(
                re.escape(literals[i // 2]) if i % 2 == 0 else f"(?P<{part}>.*?)"
                for i, part in enumerate(parts)
            )
            fixed = sum(len(part) for part in literals)
            patterns.append((fixed, key, re.compile(regex, re.DOTALL)))
    patterns.sort(key=lambda found: -found[0])
    return [(key, pattern) for _, key, pattern in patterns]


def translate_message(message: str, lang: str, _depth: int = 0) -> str:
    """An English message of the library (an error's text) in ``lang``, when it is one
    of the catalogue's ``message.*`` texts; the values inside are translated in turn
    when they are known words of a parser (``parser.*``: PyYAML's, json's, csv's);
    anything else (a path, a value) stays as is.

    >>> translate_message("invalid JSON: Expecting value", "fr")
    'JSON invalide : valeur attendue'
    >>> translate_message("something else", "fr")
    'something else'
    """
    if lang == "en" or _depth > 4:
        return message
    for key, pattern in _message_patterns():
        match = pattern.fullmatch(message)
        if match:
            values = {
                name: translate_message(value, lang, _depth + 1)
                for name, value in match.groupdict().items()
            }
            return text(key, lang, **values)
    return message


def _named(prefix: str, value: str, lang: str) -> str:
    key = f"{prefix}.{value}"
    return text(key, lang) if key in catalogue() else str(value)


def kind_name(kind: str, lang: str = "en") -> str:
    """The name of an entity kind, e.g. ``Conseil``."""
    return _named("kind", str(kind), lang)


def type_name(rel_type: str, lang: str = "en") -> str:
    """The words for a relationship type, e.g. ``relève de``."""
    return _named("type", str(rel_type), lang)


def role_name(role: str, lang: str = "en") -> str:
    """The words for a membership role, e.g. ``coprésident(e)``."""
    return _named("role", str(role), lang)


def level_name(level: str, lang: str = "en") -> str:
    """The name of an engagement level on the continuum."""
    return _named("level", str(level), lang)


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """``fr`` or ``en``: from ``GOVGRAPH_LANG``, else the first locale variable set
    (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), ``fr``/``fr_CA.UTF-8``... meaning French.

    >>> default_language({"LANG": "fr_CA.UTF-8"}), default_language({"LC_ALL": "C"})
    ('fr', 'en')
    >>> default_language({"GOVGRAPH_LANG": "en", "LANG": "fr_FR.UTF-8"})
    'en'
    """
    env = os.environ if environ is None else environ
    for name in ("GOVGRAPH_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip()
        if value:
            language = value.replace("-", "_").split("_")[0].split(".")[0].lower()
            return "fr" if language == "fr" else "en"
    return "en"
