"""Colours, shapes, line styles and page texts of the HTML views (one source for the
page's drawing and its legend), in English and French.

>>> STYLE["types"]["REPORTS_TO"]["color"]
'#2b2b2b'
>>> page_texts("fr")["search"]
'Rechercher un organe…'
"""

from __future__ import annotations

from typing import Any

from govgraph.i18n import catalogue, kind_name, level_name, role_name, text, type_name
from govgraph.vocabulary import EngagementLevel, EntityKind, RelationType, Role

__all__ = ["KNOWN_WORDS", "STYLE", "attribute_name", "page_texts"]

#: attribute keys (and coded values) said in words: the catalogue's ``attribute.*``
#: entries (any other key is shown with spaces for "_")
KNOWN_WORDS = frozenset(key[10:] for key in catalogue() if key.startswith("attribute."))


def attribute_name(key: str, lang: str) -> str:
    """An attribute key (or a coded value) in words.

    >>> attribute_name("meeting_days", "fr"), attribute_name("head_count", "en")
    ('jours de réunion', 'head count')
    """
    if key in KNOWN_WORDS:
        return text(f"attribute.{key}", lang)
    return key.replace("_", " ")


_KINDS: dict[str, tuple[str, str, str, str]] = {  # colour, shape, font colour, box fill
    "council": ("#1b4f8a", "box", "#ffffff", "#e1ebf6"),
    "committee": ("#1f6fa3", "box", "#ffffff", "#e3f0f8"),
    "working_group": ("#23724a", "box", "#ffffff", "#e2f2e8"),
    "table": ("#6a4c93", "box", "#ffffff", "#eee8f5"),
    "organization": ("#8c564b", "box", "#ffffff", "#f4ebe8"),
    "jurisdiction": ("#d9822b", "diamond", "#222222", "#fbeedd"),
    "position": ("#b8a000", "dot", "#222222", "#f7f2cc"),
    "person": ("#e377c2", "dot", "#222222", "#fbe8f4"),
    "priority": ("#c0392b", "triangle", "#222222", "#f8e1de"),
    "meeting": ("#7f7f7f", "square", "#222222", "#eeeeee"),
}

_TYPES: dict[str, dict[str, Any]] = {
    "REPORTS_TO": {"color": "#2b2b2b", "dashes": False, "width": 2},
    "PART_OF": {"color": "#1b4f8a", "dashes": [2, 5], "width": 2},
    "MEMBER_OF": {"color": "#e377c2", "dashes": False, "width": 1},
    "SUPPORTS": {"color": "#8c564b", "dashes": [8, 4], "width": 1.5},
    "ENGAGES_WITH": {"color": "#6a4c93", "dashes": False, "width": 1},
    "ADVANCES": {"color": "#c0392b", "dashes": [1, 4], "width": 1},
    "OVERSEES": {"color": "#d9822b", "dashes": [10, 3, 2, 3], "width": 1.5},
    "FOUNDED": {"color": "#17becf", "dashes": [6, 6], "width": 1.5},
    "SUCCEEDS": {"color": "#7f7f7f", "dashes": [3, 3], "width": 1.5},
    "HELD": {"color": "#b0b0b0", "dashes": False, "width": 1},
    "ACCOUNTABLE_TO": {"color": "#b8a000", "dashes": [12, 4], "width": 2},
    "OVERLAP": {"color": "#d9822b", "dashes": False, "width": 1},
}

#: edge width of ENGAGES_WITH per engagement level: the continuum, weakest first
_LEVEL_WIDTHS = {level.value: 1 + 2 * level.rank for level in EngagementLevel}

#: change colours from the Okabe–Ito palette (safe for colour-blind readers), each with
#: a light fill that keeps dark text at 4.5:1 or more, a text colour for its glyph and
#: the glyph itself, so a change never rests on colour alone
_STATUS = {
    "created": {"band": "#009E73", "fill": "#d5f0e7", "text": "#00593f", "icon": "+"},
    "removed": {"band": "#D55E00", "fill": "#fbe3d2", "text": "#8a3c00", "icon": "×"},
    "moved": {"band": "#0072B2", "fill": "#d6e9f5", "text": "#004a75", "icon": "→"},
    "renamed": {"band": "#CC79A7", "fill": "#f6e3ee", "text": "#7a3c5f", "icon": "A"},
    "modified": {"band": "#E69F00", "fill": "#fcefd0", "text": "#6b4a00", "icon": "✎"},
    "unchanged": {"band": "#9a9a9a", "fill": "#f4f4f4", "text": "#444444", "icon": ""},
}

#: Everything the page draws with, embedded in it as JSON.
STYLE: dict[str, Any] = {
    "kinds": {
        kind: {"color": color, "shape": shape, "font": font, "fill": fill}
        for kind, (color, shape, font, fill) in _KINDS.items()
    },
    "types": _TYPES,
    "levels": _LEVEL_WIDTHS,
    "status": _STATUS,
}


def page_texts(lang: str) -> dict[str, str]:
    """Every text the page shows, in ``lang``: page words (the catalogue's ``page.KEY``),
    kinds, types, levels, roles."""
    texts = {key[5:]: text(key, lang) for key in catalogue() if key.startswith("page.")}
    for kind in EntityKind:
        texts[f"kind:{kind.value}"] = kind_name(kind.value, lang)
    for rel_type in RelationType:
        texts[f"type:{rel_type.value}"] = type_name(rel_type.value, lang)
    for level in EngagementLevel:
        texts[f"level:{level.value}"] = level_name(level.value, lang)
    for role in Role:
        texts[f"role:{role.value}"] = role_name(role.value, lang)
    for key in sorted(KNOWN_WORDS):
        word = attribute_name(key, lang)
        texts[f"attr:{key}"] = word[:1].upper() + word[1:]
    return texts
