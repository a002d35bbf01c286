"""Finding a few entities' relationships in a large model, and what two models do not
share, without Python-level loops over every record.

``RelIndex`` keeps, per direction, the hashes of the relationships' ends and their
positions sorted by hash (numpy arrays, built on first use by one C-level pass over
the records: under a second per million relationships). Looking up an id is a binary
search and a slice; positions whose end merely shares the hash are dropped by
comparing the ids.
``within(ids)`` gives the relationships with both ends among ``ids``.

>>> from govgraph.model import GovernanceModel, Relationship
>>> rels = tuple(Relationship.model_validate({"from": f, "type": "REPORTS_TO", "to": t})
...              for f, t in [("a", "b"), ("b", "c"), ("d", "b")])
>>> index = RelIndex(rels)
>>> index.into({"b"}), index.out_of({"a", "x"}) == {"a": [0], "x": []}
({'b': [0, 2]}, True)
>>> index.within({"a", "b", "d"})
[0, 2]
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, compress

import numpy as np

from govgraph.model import Entity, GovernanceModel, Relationship

__all__ = ["Delta", "RelIndex", "delta_between", "record_delta", "unshared"]

_ENDS = (operator.attrgetter("from_"), operator.attrgetter("to"))
_BOTH_ENDS = operator.attrgetter("from_", "to")


class RelIndex:
    """Positions of the relationships from or to given ids (built on first use)."""

    def __init__(self, relationships: Sequence[Relationship]) -> None:
        self.relationships = relationships
        self._sides: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    @classmethod
    def of(cls, model: GovernanceModel) -> RelIndex:
        """The index of a model's relationships, kept with the model (as its entity
        index is) so that applying a scenario and reporting on it build it once."""
        cached = model.__dict__.get("_relindex_cache")
        if cached is not None and cached.relationships is model.relationships:
            return cached
        index = cls(model.relationships)
        model.__dict__["_relindex_cache"] = index
        return index

    def _side(self, side: int) -> tuple[np.ndarray, np.ndarray]:
        """(hashes sorted, the positions in that order) for one end (0 the source, 1
        the target). Both ends are read in one pass over the records."""
        if not self._sides:
            count = len(self.relationships)
            ends = chain.from_iterable(map(_BOTH_ENDS, self.relationships))
            hashes = np.fromiter(map(hash, ends), np.int64, 2 * count)
            for end in (0, 1):
                keys = hashes[end::2]
                order = np.argsort(keys)
                self._sides[end] = (keys[order], order)
        return self._sides[side]

    def _ranges(self, side: int, ids: Sequence[str]) -> tuple[np.ndarray, list, list]:
        """For each id, the slice of the side's sorted positions whose end has its hash:
        (positions in hash order, starts, stops)."""
        keys, order = self._side(side)
        wanted = np.fromiter(map(hash, ids), np.int64, len(ids))
        starts = np.searchsorted(keys, wanted, "left").tolist()
        stops = np.searchsorted(keys, wanted, "right").tolist()
        return order, starts, stops

    def _positions(self, ids: Iterable[str], side: int) -> dict[str, list[int]]:
        ids = list(ids)
        if not self.relationships:
            return {entity_id: [] for entity_id in ids}
        order, starts, stops = self._ranges(side, ids)
        end, rels = _ENDS[side], self.relationships
        found: dict[str, list[int]] = {}
        for entity_id, start, stop in zip(ids, starts, stops, strict=True):
            positions = sorted(order[start:stop].tolist())
            found[entity_id] = [p for p in positions if end(rels[p]) == entity_id]
        return found

    def out_of(self, ids: Iterable[str]) -> dict[str, list[int]]:
        """Positions of the relationships from each id, in model order."""
        return self._positions(ids, 0)

    def into(self, ids: Iterable[str]) -> dict[str, list[int]]:
        """Positions of the relationships to each id, in model order."""
        return self._positions(ids, 1)

    def within(self, ids: Iterable[str]) -> list[int]:
        """Positions, in model order, of the relationships whose two ends are in
        ``ids``."""
        ids = set(ids)
        if not ids or not self.relationships:
            return []
        listed = list(ids)
        ends = []
        for side in (0, 1):
            order, starts, stops = self._ranges(side, listed)
            ends.append(np.concatenate([order[a:b] for a, b in zip(starts, stops, strict=True)]))
        both = np.intersect1d(ends[0], ends[1]).tolist()  # sorted, each once
        rels, (source, target) = self.relationships, _ENDS
        return [p for p in both if source(rels[p]) in ids and target(rels[p]) in ids]


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


class Delta:
    """The records only one of two models holds: ``old_*`` only the model before,
    ``new_*`` only the model after. Compared by identity (a model holding one is still
    equal to a model that does not)."""

    def __init__(
        self,
        old_entities: list[Entity],
        new_entities: list[Entity],
        old_relationships: list[Relationship],
        new_relationships: list[Relationship],
    ) -> None:
        self.old_entities, self.new_entities = _without_common(old_entities, new_entities)
        self.old_relationships, self.new_relationships = _without_common(
            old_relationships, new_relationships
        )


def _without_common(old: list, new: list) -> tuple[list, list]:
    common = {id(r) for r in old} & {id(r) for r in new}
    if not common:
        return old, new
    return [r for r in old if id(r) not in common], [r for r in new if id(r) not in common]


@dataclass(frozen=True, eq=False)
class _Recorded:
    before: tuple[tuple[Entity, ...], tuple[Relationship, ...]]
    after: tuple[tuple[Entity, ...], tuple[Relationship, ...]]
    delta: Delta


def record_delta(before: GovernanceModel, after: GovernanceModel, delta: Delta) -> None:
    """Keep with ``after`` what it does not share with ``before`` (``apply_scenario``
    knows it), so that diffing the two later costs nothing. The record holds the two
    models' record tuples, not the models, and is ignored once either changes."""
    after.__dict__["_delta_cache"] = _Recorded(
        (before.entities, before.relationships), (after.entities, after.relationships), delta
    )


def delta_between(before: GovernanceModel, after: GovernanceModel) -> Delta:
    """The records only ``before`` holds and those only ``after`` holds: the record
    ``apply_scenario`` kept when ``after`` came from ``before``, else identity passes
    over both models.

    >>> from govgraph.model import GovernanceModel
    >>> model = GovernanceModel.model_validate(
    ...     {"entities": [{"id": "a", "kind": "council", "name": {"en": "A"}}]})
    >>> delta_between(model, model).old_entities
    []
    """
    recorded = after.__dict__.get("_delta_cache")
    if (
        isinstance(recorded, _Recorded)
        and recorded.before[0] is before.entities
        and recorded.before[1] is before.relationships
        and recorded.after[0] is after.entities
        and recorded.after[1] is after.relationships
    ):
        return recorded.delta
    old_entities, new_entities = unshared(before.entities, after.entities)
    old_rels, new_rels = unshared(before.relationships, after.relationships)
    return Delta(old_entities, new_entities, old_rels, new_rels)
