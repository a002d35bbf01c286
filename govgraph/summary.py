"""What a model holds at a glance: counts by kind and type, the dates it covers, and
its roots (bodies at the top of the structure).

>>> from govgraph.model import GovernanceModel
>>> model = GovernanceModel.model_validate({
...     "entities": [{"id": "jc", "kind": "council", "name": {"en": "JC"}, "valid_from": "1998"},
...                  {"id": "wg", "kind": "working_group", "name": {"en": "WG"}}],
...     "relationships": [{"from": "wg", "type": "REPORTS_TO", "to": "jc"}]})
>>> summary = summarize(model)
>>> summary["entities"], summary["roots"], summary["date_range"]
({'council': 1, 'working_group': 1}, ['jc'], ['1998', '1998'])
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from govgraph.dates import date_bounds
from govgraph.model import GovernanceModel
from govgraph.vocabulary import HIERARCHY_TYPES

__all__ = ["structure_roots", "summarize"]


def structure_roots(model: GovernanceModel) -> list[str]:
    """Bodies that have something under them (REPORTS_TO or PART_OF, formal or not)
    and nothing above them, in model order."""
    has_parent: set[str] = set()
    has_child: set[str] = set()
    for rel in model.relationships:
        if rel.type in HIERARCHY_TYPES:
            has_parent.add(rel.from_)
            has_child.add(rel.to)
    return [
        e.id for e in model.entities if e.is_body and e.id in has_child and e.id not in has_parent
    ]


def summarize(model: GovernanceModel) -> dict[str, Any]:
    """Counts, date range (the earliest and latest dates the model mentions; ``None``
    when it mentions none) and roots of a model, as plain data."""
    dates = {
        day
        for record in (*model.entities, *model.relationships)
        for day in (record.valid_from, record.valid_to)
        if day
    }
    earliest = min(dates, key=lambda d: date_bounds(d)[0]) if dates else None
    latest = max(dates, key=lambda d: date_bounds(d)[1]) if dates else None
    return {
        "title": model.title.model_dump(exclude_none=True) if model.title else None,
        "entities": dict(Counter(e.kind.value for e in model.entities)),
        "relationships": dict(Counter(r.type.value for r in model.relationships)),
        "date_range": [earliest, latest],
        "roots": structure_roots(model),
    }
