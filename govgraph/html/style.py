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

__all__ = ["STYLE", "page_texts"]

_KINDS: dict[str, tuple[str, str, str]] = {  # colour, shape, font colour
    "council": ("#1b4f8a", "box", "#ffffff"),
    "committee": ("#2a7fb8", "box", "#ffffff"),
    "working_group": ("#2e8b57", "box", "#ffffff"),
    "table": ("#6a4c93", "box", "#ffffff"),
    "organization": ("#8c564b", "box", "#ffffff"),
    "jurisdiction": ("#d9822b", "diamond", "#222222"),
    "position": ("#b8a000", "dot", "#222222"),
    "person": ("#e377c2", "dot", "#222222"),
    "priority": ("#c0392b", "triangle", "#222222"),
    "meeting": ("#7f7f7f", "square", "#222222"),
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

_STATUS = {
    "created": "#2ca02c",
    "removed": "#d62728",
    "moved": "#ff7f0e",
    "renamed": "#9467bd",
    "modified": "#17becf",
    "unchanged": "#c8c8c8",
}

#: Everything the page draws with, embedded in it as JSON.
STYLE: dict[str, Any] = {
    "kinds": {
        kind: {"color": color, "shape": shape, "font": font}
        for kind, (color, shape, font) in _KINDS.items()
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
    return texts
