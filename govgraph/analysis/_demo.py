"""A miniature of the bundled Joint Councils example, for the analyses' doctests.

>>> sorted(demo_graph().nodes)[:3]
['canada', 'data-driven-intelligence-wg', 'digital-by-default']
"""

from __future__ import annotations

import networkx as nx

from govgraph.graph import to_graph
from govgraph.model import GovernanceModel

__all__ = ["demo_graph"]


def _body(entity_id: str, kind: str, **extra: object) -> dict[str, object]:
    return {"id": entity_id, "kind": kind, "name": {"en": entity_id}, **extra}


def demo_graph() -> nx.MultiDiGraph:
    """Joint Councils ⊃ PSSDC, PSCIOC; a working group under the PSSDC, one with only an
    informal line; three member governments; priorities; two meetings."""
    days = {"attributes": {"meeting_days": 1.5, "meetings_per_year": 2}}
    entities = [
        _body("joint-councils", "council", **days),
        _body("pssdc", "council"),
        _body("pscioc", "council"),
        _body("data-driven-intelligence-wg", "working_group"),
        _body("joint-councils-wg", "working_group"),
        _body("canada", "jurisdiction"),
        _body("ontario", "jurisdiction"),
        _body("quebec", "jurisdiction"),
        _body("digital-by-default", "priority"),
        _body("jc-2016", "meeting", valid_from="2016-02", valid_to="2016-02"),
        _body("jc-2017", "meeting", valid_from="2017-02", valid_to="2017-02"),
    ]
    relationships = [
        {"from": "pssdc", "type": "PART_OF", "to": "joint-councils"},
        {"from": "pscioc", "type": "PART_OF", "to": "joint-councils"},
        {"from": "data-driven-intelligence-wg", "type": "REPORTS_TO", "to": "pssdc"},
        {
            "from": "joint-councils-wg",
            "type": "REPORTS_TO",
            "to": "joint-councils",
            "formal": False,
        },
        {"from": "canada", "type": "MEMBER_OF", "to": "pssdc", "role": "co_chair"},
        {"from": "ontario", "type": "MEMBER_OF", "to": "pssdc"},
        {"from": "canada", "type": "MEMBER_OF", "to": "pscioc"},
        {"from": "ontario", "type": "MEMBER_OF", "to": "pscioc"},
        {"from": "quebec", "type": "MEMBER_OF", "to": "pscioc", "valid_from": "2017"},
        {"from": "pssdc", "type": "ADVANCES", "to": "digital-by-default"},
        {"from": "data-driven-intelligence-wg", "type": "ADVANCES", "to": "digital-by-default"},
        {"from": "joint-councils", "type": "HELD", "to": "jc-2016"},
        {"from": "joint-councils", "type": "HELD", "to": "jc-2017"},
    ]
    model = GovernanceModel.model_validate({"entities": entities, "relationships": relationships})
    return to_graph(model)
