"""Finding a few entities' relationships in a large model without indexing them all.

Building a dict of every entity's relationships costs a Python-level loop over all of
them (seconds at a million entities). A scenario touches a few hundred entities, so
``RelIndex`` keeps two plain lists (every relationship's ``from`` and ``to``, built by
C-level ``map``) and answers "the relationships from (to) these ids" with one C-level
scan per question, batched by set and cached per id.

>>> from govgraph.model import Relationship
>>> rels = tuple(Relationship.model_validate({"from": f, "type": "REPORTS_TO", "to": t})
...              for f, t in [("a", "b"), ("b", "c"), ("d", "b")])
>>> index = RelIndex(rels)
>>> index.into({"b"}), index.out_of({"a", "x"}) == {"a": [0], "x": []}
({'b': [0, 2]}, True)
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from itertools import compress

from govgraph.model import Relationship

__all__ = ["RelIndex", "unshared"]

_FROM = operator.attrgetter("from_")
_TO = operator.attrgetter("to")


class RelIndex:
    """Positions of the relationships from or to given ids, found by batched scans."""

    def __init__(self, relationships: Sequence[Relationship]) -> None:
        self.relationships = relationships
        self._froms: list[str] | None = None
        self._tos: list[str] | None = None
        self._out: dict[str, list[int]] = {}
        self._in: dict[str, list[int]] = {}

    def _scan(self, ids: set[str], outgoing: bool) -> dict[str, list[int]]:
        cache = self._out if outgoing else self._in
        missing = {i for i in ids if i not in cache}
        if missing:
            if outgoing:
                if self._froms is None:
                    self._froms = list(map(_FROM, self.relationships))
                ends = self._froms
            else:
                if self._tos is None:
                    self._tos = list(map(_TO, self.relationships))
                ends = self._tos
            for entity_id in missing:
                cache[entity_id] = []
            for pos in compress(range(len(ends)), map(missing.__contains__, ends)):
                cache[ends[pos]].append(pos)
        return {i: cache[i] for i in ids}

    def out_of(self, ids: set[str]) -> dict[str, list[int]]:
        """Positions of the relationships from each id."""
        return self._scan(ids, True)

    def into(self, ids: set[str]) -> dict[str, list[int]]:
        """Positions of the relationships to each id."""
        return self._scan(ids, False)


def unshared(before: Sequence[object], after: Sequence[object]) -> tuple[list, list]:
    """The records only ``before`` holds and those only ``after`` holds, by identity
    (C-level set and filter passes).

    >>> a, b, c = object(), object(), object()
    >>> unshared((a, b), (a, c)) == ([b], [c])
    True
    """
    if before is after:
        return [], []
    before_ids = set(map(id, before))
    after_ids = set(map(id, after))
    old = list(compress(before, map(operator.not_, map(after_ids.__contains__, map(id, before)))))
    new = list(compress(after, map(operator.not_, map(before_ids.__contains__, map(id, after)))))
    return old, new
