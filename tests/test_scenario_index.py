"""The look-ups behind apply and the impact report (``govgraph.scenarios._index``),
checked against brute force on generated models, and the change record that
``apply_scenario`` keeps with its result."""

from __future__ import annotations

import random

import pytest

from govgraph.generate import generate_model
from govgraph.scenarios import Move, Scenario, apply_scenario
from govgraph.scenarios._index import RelIndex, delta_between, unshared


@pytest.fixture(scope="module")
def generated():
    return generate_model(bodies=300, people=900, seed=7)


def test_relindex_finds_what_brute_force_finds(generated):
    rels = generated.relationships
    index = RelIndex(rels)
    rng = random.Random(3)
    ids = [*rng.sample([e.id for e in generated.entities], 200), "no-such-id", ""]
    out, into = index.out_of(ids), index.into(ids)
    for entity_id in ids:
        assert out[entity_id] == [p for p, r in enumerate(rels) if r.from_ == entity_id]
        assert into[entity_id] == [p for p, r in enumerate(rels) if r.to == entity_id]
    chosen = set(ids[:120])
    assert index.within(chosen) == [
        p for p, r in enumerate(rels) if r.from_ in chosen and r.to in chosen
    ]
    assert index.within(set()) == []
    assert RelIndex(()).out_of({"a"}) == {"a": []}


def test_relindex_is_kept_with_the_model(generated):
    assert RelIndex.of(generated) is RelIndex.of(generated)
    copy = generated.model_copy(update={"relationships": generated.relationships[:-1]})
    assert RelIndex.of(copy) is not RelIndex.of(generated)


def _move_scenario(model):
    parents = {r.from_: r.to for r in model.relationships if r.type.value == "REPORTS_TO"}
    body = next(b for b in sorted(parents) if model.index[b].kind.value == "working_group")
    target = next(
        e.id for e in model.entities if e.kind.value == "council" and e.id != parents[body]
    )
    return Scenario(
        name={"en": "move"}, effective="2026-04-01", operations=[Move(body=body, to=target)]
    )


def test_apply_records_exactly_what_it_changed(generated):
    after = apply_scenario(generated, _move_scenario(generated))
    recorded = delta_between(generated, after)
    assert delta_between(generated, after) is recorded  # kept, not recomputed
    old_entities, new_entities = unshared(generated.entities, after.entities)
    old_rels, new_rels = unshared(generated.relationships, after.relationships)
    assert recorded.old_relationships == old_rels and recorded.new_relationships == new_rels
    assert recorded.old_entities == old_entities and recorded.new_entities == new_entities
    assert len(old_rels) == 1 and len(new_rels) == 2  # the old line ended, a new one added


def test_the_record_is_ignored_for_other_models(generated):
    after = apply_scenario(generated, _move_scenario(generated))
    # compared with a copy of the result holding other records, identity passes decide
    trimmed = after.model_copy(update={"relationships": after.relationships[1:]})
    delta = delta_between(generated, trimmed)
    assert delta is not delta_between(generated, trimmed)  # computed each time
    expected = unshared(generated.relationships, trimmed.relationships)
    assert (delta.old_relationships, delta.new_relationships) == expected
    assert delta.old_relationships != delta_between(generated, after).old_relationships
    assert delta_between(after, after).new_relationships == []
