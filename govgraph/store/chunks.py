"""Chunks: what lets a push skip the parts of a model the store already holds.

A model's entities and its relationships are each cut, in the model's order, into
**chunks** of ``CHUNK_SIZE`` records. A chunk's **digest** is a hash of its records as
pydantic serialises them (one pass in Rust, no row is built); the store keeps one
``:GovgraphChunk {scope, part, index}`` node per chunk with that digest and the keys
(entity ids, relationship uids) and content hashes of the rows it holds. A push reads
the digests only, builds rows and compares hashes for the chunks whose digest differs,
and reads back the keys and hashes of those chunks only: an unchanged model costs one
digest pass and one small read. Chunk ``-1`` (``EXTRA``) holds the rows the store keeps
beyond the model (a push without ``--prune``); it is always read.

A digest that differs although the records are equal (the same model with its records
in another order) only costs a row-by-row comparison of those chunks: the result is
the same.

>>> from govgraph.model import GovernanceModel
>>> model = GovernanceModel.model_validate({"entities": [
...     {"id": f"e{i}", "kind": "council", "name": {"en": f"E{i}"}} for i in range(5)]})
>>> digests = model_digests(model, size=2)
>>> [len(digests[part]) for part in PARTS]
[3, 0]
>>> changed_chunks(digests[ENTITIES], {0: digests[ENTITIES][0], 7: "old"})
[1, 2, 7]
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeVar

from pydantic import TypeAdapter

from govgraph.model import Entity, GovernanceModel, Relationship

__all__ = [
    "CHUNK_SIZE",
    "ENTITIES",
    "EXTRA",
    "PARTS",
    "RELATIONSHIPS",
    "changed_chunks",
    "chunk_slices",
    "digest",
    "digests",
    "model_digests",
]

#: Records per chunk.
CHUNK_SIZE = 1000
#: The two parts of a model, as chunk nodes name them.
ENTITIES = "entities"
RELATIONSHIPS = "relationships"
PARTS = (ENTITIES, RELATIONSHIPS)
#: The index of the chunk that holds what the store keeps beyond the model.
EXTRA = -1
#: Changes with the row format (govgraph.store.rows), so that older digests never match.
_FORMAT = b"govgraph-rows/1\0"
_ADAPTERS: dict[str, TypeAdapter[Any]] = {
    ENTITIES: TypeAdapter(tuple[Entity, ...]),
    RELATIONSHIPS: TypeAdapter(tuple[Relationship, ...]),
}
T = TypeVar("T")


def chunk_slices(records: Sequence[T], size: int = CHUNK_SIZE) -> Iterator[tuple[int, Sequence[T]]]:
    """``(index, records)`` for each chunk of ``records``, in order.

    >>> [(i, list(c)) for i, c in chunk_slices("abcde", 2)]
    [(0, ['a', 'b']), (1, ['c', 'd']), (2, ['e'])]
    """
    for index, start in enumerate(range(0, len(records), size)):
        yield index, records[start : start + size]


def digests(part: str, records: Sequence[Any], size: int = CHUNK_SIZE) -> list[str]:
    """The digest of each chunk of ``records`` (entities or relationships)."""
    return [digest(part, chunk) for _, chunk in chunk_slices(records, size)]


def model_digests(model: GovernanceModel, size: int = CHUNK_SIZE) -> dict[str, list[str]]:
    """The chunk digests of a model's entities and relationships."""
    return {
        ENTITIES: digests(ENTITIES, model.entities, size),
        RELATIONSHIPS: digests(RELATIONSHIPS, model.relationships, size),
    }


def changed_chunks(wanted: Sequence[str], stored: Mapping[int, str]) -> list[int]:
    """The chunk indexes to compare row by row: those whose stored digest differs from
    the model's (or is missing), and stored ones beyond the model's last chunk."""
    changed = [index for index, digest in enumerate(wanted) if stored.get(index) != digest]
    return changed + sorted(index for index in stored if index >= len(wanted))


def digest(part: str, chunk: Sequence[Any]) -> str:
    """The digest of one chunk of entities or relationships."""
    data = _ADAPTERS[part].dump_json(tuple(chunk))
    return hashlib.blake2b(_FORMAT + data, digest_size=16).hexdigest()
