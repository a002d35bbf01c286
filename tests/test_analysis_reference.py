"""Every analysis against a brute-force reference on small random models.

The references work on the *model* (its records, filtered with ``govgraph.as_of``) with
the plainest algorithms networkx offers (all simple paths, all shortest paths, ancestors,
all pairs of bodies), independent of the library's walks, indexes and sparse matrices.
Models come from ``tests/strategies.py`` (hostile ids and names included) and from a
seeded generator for larger structures.
"""

from __future__ import annotations

import copy
import itertools
import random
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govgraph.analysis import (
    body_metrics,
    connections,
    coverage,
    members,
    memberships,
    metrics,
    overlaps,
    reporting_chains,
    structure_metrics,
    subordinates,
)
from govgraph.graph import to_graph
from govgraph.model import GovernanceModel
from govgraph.temporal import as_of
from govgraph.vocabulary import BODY_KINDS, EntityKind, RelationType
from tests.strategies import models

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DAYS = st.none() | st.integers(1990, 2031).map(str)
BODY = {kind.value for kind in BODY_KINDS}


# ── references ────────────────────────────────────────────────────────────────────


def _rels(model: GovernanceModel, *types: RelationType):
    return [r for r in model.relationships if not types or r.type in types]


def _parent_graph(model: GovernanceModel, include_informal: bool = False) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(e.id for e in model.entities)
    for rel in _rels(model, RelationType.REPORTS_TO, RelationType.PART_OF):
        if rel.type is RelationType.PART_OF or rel.formal or include_informal:
            graph.add_edge(rel.from_, rel.to)
    return graph


def ref_chains(model, entity_id, include_informal=False):
    parents = _parent_graph(model, include_informal)
    candidates = [[entity_id]] + [
        path
        for target in parents.nodes
        if target != entity_id
        for path in nx.all_simple_paths(parents, entity_id, target)
    ]
    maximal = [p for p in candidates if set(parents.successors(p[-1])) <= set(p)]
    return sorted(maximal, key=lambda c: (len(c), c))


def ref_subordinates(model, entity_id, depth=None, include_informal=False):
    below = nx.single_source_shortest_path_length(
        _parent_graph(model, include_informal).reverse(), entity_id, cutoff=depth
    )
    below.pop(entity_id)
    return below


def ref_connections(model, a, b, types=None):
    graph = nx.MultiGraph()
    graph.add_nodes_from(e.id for e in model.entities)
    for rel in model.relationships:
        if types is None or rel.type.value in types:
            graph.add_edge(rel.from_, rel.to, type=rel.type.value, source=rel.from_)
    try:
        node_paths = list(nx.all_shortest_paths(graph, a, b))
    except nx.NetworkXNoPath:
        return set()
    found = set()
    for nodes in node_paths:
        options = []
        for x, y in itertools.pairwise(nodes):
            options.append(
                {
                    (x, y, d["type"], "forward" if d["source"] == x else "backward")
                    for d in graph[x][y].values()
                }
            )
            if x != y:  # an undirected edge x-y was stored once: look both ways
                options[-1] |= {
                    (x, y, d["type"], "forward" if d["source"] == x else "backward")
                    for d in graph[y][x].values()
                }
        found.update(itertools.product(*options))
    return found


def _part_of(model) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(e.id for e in model.entities)
    graph.add_edges_from((r.from_, r.to) for r in _rels(model, RelationType.PART_OF))
    return graph


def ref_members(model, body):
    parts = nx.ancestors(_part_of(model), body)
    kinds = {e.id: e.kind.value for e in model.entities}
    return {
        (r.from_, kinds[r.from_], r.role.value, None if r.to == body else r.to)
        for r in _rels(model, RelationType.MEMBER_OF)
        if r.to == body or r.to in parts
    }


def ref_memberships(model, entity_id):
    part_of = _part_of(model)
    kinds = {e.id: e.kind.value for e in model.entities}
    rows = set()
    for r in _rels(model, RelationType.MEMBER_OF):
        if r.from_ == entity_id:
            rows.add((r.to, kinds[r.to], r.role.value, None))
            rows.update(
                (whole, kinds[whole], r.role.value, r.to) for whole in nx.descendants(part_of, r.to)
            )
    return rows


def ref_coverage(model):
    index = model.index
    jurisdictions = [e.id for e in model.entities if e.kind is EntityKind.jurisdiction]
    feed = nx.DiGraph()
    feed.add_nodes_from(e.id for e in model.entities if e.is_body)
    own = {e.id: set() for e in model.entities if e.is_body}
    direct = {e.id: set() for e in model.entities if e.is_body}
    for r in model.relationships:
        if r.type is RelationType.PART_OF:
            feed.add_edge(r.from_, r.to)
        elif r.type is RelationType.MEMBER_OF:
            member = index[r.from_]
            if member.kind is EntityKind.jurisdiction:
                direct[r.to].add(member.id)
                own[r.to].add(member.id)
            else:
                named = member.attributes.get("jurisdiction")
                named = [named] if isinstance(named, str) else named or []
                own[r.to].update(j for j in named if j in jurisdictions)
                if member.kind is EntityKind.organization:
                    feed.add_edge(member.id, r.to)
    result = {}
    for body in own:
        represented = set().union(*(own[x] for x in nx.ancestors(feed, body) | {body}))
        result[body] = {
            "represented": [j for j in jurisdictions if j in represented],
            "direct": [j for j in jurisdictions if j in direct[body]],
            "missing": [j for j in jurisdictions if j not in represented],
        }
    return result


def ref_overlaps(model, by="both", min_jaccard=0.0):
    bodies = sorted(e.id for e in model.entities if e.is_body)
    mem = {b: {r.from_ for r in _rels(model, RelationType.MEMBER_OF) if r.to == b} for b in bodies}
    pri = {b: {r.to for r in _rels(model, RelationType.ADVANCES) if r.from_ == b} for b in bodies}
    found = []
    for a, b in itertools.combinations(bodies, 2):
        sets = {"members": (mem[a], mem[b]), "priorities": (pri[a], pri[b])}
        sets["both"] = (mem[a] | pri[a], mem[b] | pri[b])
        first, second = sets[by]
        shared = len(first & second)
        if shared and shared / len(first | second) >= min_jaccard:
            found.append(
                {
                    "a": a,
                    "b": b,
                    "shared": shared,
                    "union": len(first | second),
                    "shared_members": sorted(mem[a] & mem[b]),
                    "shared_priorities": sorted(pri[a] & pri[b]),
                    "jaccard": shared / len(first | second),
                    "_shared": shared,
                }
            )
    found.sort(key=lambda p: (-p["jaccard"], -p["_shared"], p["a"], p["b"]))
    for pair in found:
        del pair["_shared"]
    return found


def ref_body_metrics(model):
    index = model.index
    bodies = [e.id for e in model.entities if e.is_body]
    formal, informal = _parent_graph(model), nx.DiGraph()
    for r in _rels(model, RelationType.REPORTS_TO):
        if not r.formal:
            informal.add_edge(r.from_, r.to)
    network = nx.Graph()
    network.add_nodes_from(bodies)
    network.add_edges_from(
        (r.from_, r.to)
        for r in model.relationships
        if index[r.from_].is_body and index[r.to].is_body and r.from_ != r.to
    )
    betweenness = nx.betweenness_centrality(network)
    result = {}
    for b in bodies:
        held = {r.to for r in _rels(model, RelationType.HELD) if r.from_ == b}
        days = index[b].attributes.get("meeting_days")
        days = days if isinstance(days, int | float) and not isinstance(days, bool) else None
        days = float(days) if days is not None and days >= 0 else None
        loads = []
        for meeting in held:
            own = index[meeting].attributes.get("meeting_days")
            ok = isinstance(own, int | float) and not isinstance(own, bool) and own >= 0
            loads.append(float(own) if ok else days)
        result[b] = {
            "span": len(set(formal.predecessors(b))),
            "informal_span": len(set(informal.predecessors(b))) if b in informal else 0,
            "formal_parents": len(set(formal.successors(b))),
            "informal_parents": len(set(informal.successors(b))) if b in informal else 0,
            "members": len({r.from_ for r in _rels(model, RelationType.MEMBER_OF) if r.to == b}),
            "meetings": len(held),
            "meeting_load": None if None in loads else float(sum(loads)),
            "betweenness": betweenness[b],
        }
        if not held and days is None:
            result[b]["meeting_load"] = None
        if nx.is_directed_acyclic_graph(formal):
            result[b]["depth"] = max(len(c) for c in ref_chains(model, b)) - 1
    return result


# ── properties ────────────────────────────────────────────────────────────────────


def _pick(data, model, kinds=None):
    ids = [e.id for e in model.entities if kinds is None or e.kind.value in kinds]
    return data.draw(st.sampled_from(ids)) if ids else None


@SETTINGS
@given(model=models(max_entities=12, max_relationships=24), data=st.data(), day=DAYS)
def test_chains_and_subordinates_match_the_reference(model, data, day):
    current = as_of(model, day)
    entity = _pick(data, current)
    if entity is None:
        return
    graph = to_graph(model)
    for informal in (False, True):
        assert reporting_chains(graph, entity, include_informal=informal, as_of=day) == ref_chains(
            current, entity, informal
        )
        depth = data.draw(st.none() | st.integers(0, 3))
        assert subordinates(
            graph, entity, depth=depth, include_informal=informal, as_of=day
        ) == ref_subordinates(current, entity, depth, informal)


@SETTINGS
@given(model=models(max_entities=10, max_relationships=24), data=st.data(), day=DAYS)
def test_connections_match_the_reference(model, data, day):
    current = as_of(model, day)
    a, b = _pick(data, current), _pick(data, current)
    if a is None:
        return
    types = data.draw(
        st.none() | st.sets(st.sampled_from([t.value for t in RelationType]), min_size=1)
    )
    found = connections(to_graph(model), a, b, types=types, as_of=day, limit=None)
    as_tuples = {tuple((s["from"], s["to"], s["type"], s["direction"]) for s in p) for p in found}
    assert len(as_tuples) == len(found)  # no connection twice
    assert as_tuples == ref_connections(current, a, b, types)


@SETTINGS
@given(model=models(max_entities=12, max_relationships=30), data=st.data(), day=DAYS)
def test_members_memberships_coverage_match_the_reference(model, data, day):
    current = as_of(model, day)
    graph = to_graph(model)
    entity = _pick(data, current)
    if entity is None:
        return
    rows = members(graph, entity, as_of=day)
    assert {(r["id"], r["kind"], r["role"], r["via"]) for r in rows} == ref_members(current, entity)
    assert len(rows) == len(ref_members(current, entity))
    where = memberships(graph, entity, as_of=day)
    assert {(r["id"], r["kind"], r["role"], r["via"]) for r in where} == ref_memberships(
        current, entity
    )
    expected = ref_coverage(current)
    assert coverage(graph, as_of=day) == expected
    body = _pick(data, current, BODY)
    if body is not None:
        assert coverage(graph, body, as_of=day) == {body: expected[body]}


@SETTINGS
@given(
    model=models(max_entities=14, max_relationships=40),
    by=st.sampled_from(["members", "priorities", "both"]),
    min_jaccard=st.sampled_from([0.0, 0.25, 0.5, 1.0]),
    top=st.none() | st.integers(0, 4),
    day=DAYS,
)
def test_overlaps_match_the_pairwise_loop(model, by, min_jaccard, top, day):
    expected = ref_overlaps(as_of(model, day), by, min_jaccard)
    found = overlaps(to_graph(model), by=by, min_jaccard=min_jaccard, top=top, as_of=day)
    assert found == (expected if top is None else expected[:top])


@SETTINGS
@given(model=models(max_entities=12, max_relationships=30), day=DAYS)
def test_body_metrics_match_the_reference(model, day):
    current = as_of(model, day)
    found = body_metrics(to_graph(model), as_of=day)
    expected = ref_body_metrics(current)
    assert set(found) == set(expected)
    for body, values in expected.items():
        for key, value in values.items():
            assert found[body][key] == pytest.approx(value), (body, key)


@SETTINGS
@given(model=models(max_entities=12, max_relationships=30), day=DAYS, data=st.data())
def test_as_of_on_the_graph_equals_the_model_as_of(model, day, data):
    """Filtering on the fly (the library) equals building the graph of the filtered model."""
    whole, filtered = to_graph(model), to_graph(as_of(model, day))
    before = copy.deepcopy(whole)
    assert metrics(whole, as_of=day) == metrics(filtered)
    assert coverage(whole, as_of=day) == coverage(filtered)
    assert overlaps(whole, as_of=day) == overlaps(filtered)
    entity = _pick(data, as_of(model, day))
    if entity is not None:
        assert members(whole, entity, as_of=day) == members(filtered, entity)
        assert reporting_chains(whole, entity, as_of=day) == reporting_chains(filtered, entity)
    assert nx.utils.graphs_equal(before, whole)  # never mutated


# ── larger seeded models ──────────────────────────────────────────────────────────


def seeded_model(seed: int, bodies: int = 60, people: int = 80) -> GovernanceModel:
    """A layered structure (formal lines point to earlier bodies: no cycle), matrix and
    informal lines, parts, people on 1..k bodies with a heavy tail, jurisdictions,
    organisations with jurisdiction members, priorities, meetings."""
    rng = random.Random(seed)
    kinds = ["council", "committee", "working_group", "table", "organization"]
    entities: list[dict[str, Any]] = []
    rels: list[dict[str, Any]] = []
    body_ids = [f"b{i}" for i in range(bodies)]
    for i, body in enumerate(body_ids):
        record = {"id": body, "kind": rng.choice(kinds), "name": {"en": body}}
        if rng.random() < 0.5:
            record["attributes"] = {"meeting_days": rng.choice([0.5, 1, 1.5])}
        entities.append(record)
        if i:
            parents = rng.sample(body_ids[:i], k=min(i, rng.choice([1, 1, 1, 2])))
            for parent in parents:
                kind = rng.choice(["REPORTS_TO", "REPORTS_TO", "PART_OF"])
                rel = {"from": body, "type": kind, "to": parent}
                if kind == "REPORTS_TO" and rng.random() < 0.15:
                    rel["formal"] = False
                if rng.random() < 0.2:
                    rel["valid_from"] = str(rng.randint(2000, 2020))
                rels.append(rel)
    jurisdictions = [f"j{i}" for i in range(8)]
    entities += [{"id": j, "kind": "jurisdiction", "name": {"en": j}} for j in jurisdictions]
    for person in range(people):
        pid = f"p{person}"
        record = {"id": pid, "kind": "person", "name": {"en": pid}}
        if rng.random() < 0.3:
            record["attributes"] = {"jurisdiction": rng.choice(jurisdictions)}
        entities.append(record)
        count = min(int(rng.paretovariate(1.5)), 10)
        for body in rng.sample(body_ids, k=count):
            role = rng.choice(["member", "member", "member", "chair", "co_chair"])
            rels.append({"from": pid, "type": "MEMBER_OF", "to": body, "role": role})
    for j in jurisdictions:
        for body in rng.sample(body_ids, k=rng.randint(0, bodies // 3)):
            rels.append({"from": j, "type": "MEMBER_OF", "to": body})
    priorities = [f"pr{i}" for i in range(10)]
    entities += [{"id": p, "kind": "priority", "name": {"en": p}} for p in priorities]
    for body in body_ids:
        for p in rng.sample(priorities, k=rng.randint(0, 3)):
            rels.append({"from": body, "type": "ADVANCES", "to": p})
        for m in range(rng.randint(0, 2)):
            mid = f"{body}-m{m}"
            entities.append(
                {"id": mid, "kind": "meeting", "name": {"en": mid}, "valid_from": "2016"}
            )
            rels.append({"from": body, "type": "HELD", "to": mid})
    return GovernanceModel.model_validate({"entities": entities, "relationships": rels})


@pytest.mark.parametrize("seed", range(4))
def test_seeded_models_match_the_references(seed):
    model = seeded_model(seed)
    graph = to_graph(model)
    assert overlaps(graph) == ref_overlaps(model)
    assert overlaps(graph, by="members", min_jaccard=0.2) == ref_overlaps(model, "members", 0.2)
    assert coverage(graph) == ref_coverage(model)
    expected = ref_body_metrics(model)
    found = body_metrics(graph)
    for body, values in expected.items():
        for key, value in values.items():
            assert found[body][key] == pytest.approx(value), (body, key)
    for body in ("b0", "b7", f"b{len(expected) - 1}"):
        assert reporting_chains(graph, body, include_informal=True) == ref_chains(model, body, True)
        assert subordinates(graph, body) == ref_subordinates(model, body)
        assert {(r["id"], r["kind"], r["role"], r["via"]) for r in members(graph, body)} == (
            ref_members(model, body)
        )
    assert {
        tuple((s["from"], s["to"], s["type"], s["direction"]) for s in p)
        for p in connections(graph, "p1", "b5", limit=None)
    } == ref_connections(model, "p1", "b5")


@pytest.mark.parametrize("min_jaccard", [0.0, 0.15, 0.3])
@pytest.mark.parametrize("seed", range(3))
def test_popular_item_cap_only_drops_pairs_that_share_nothing_else(seed, min_jaccard):
    model = seeded_model(seed)
    graph = to_graph(model)
    exact = ref_overlaps(model, "members", min_jaccard)
    capped = overlaps(graph, by="members", max_item_bodies=3, min_jaccard=min_jaccard)
    by_pair = {(p["a"], p["b"]): p for p in exact}
    counts: dict[str, set[str]] = {}
    for rel in _rels(model, RelationType.MEMBER_OF):
        counts.setdefault(rel.from_, set()).add(rel.to)
    popular = {member for member, held in counts.items() if len(held) > 3}
    assert popular  # the cap bites on these models
    for pair in capped:  # what is found is exact
        assert by_pair[(pair["a"], pair["b"])] == pair
    found = {(p["a"], p["b"]) for p in capped}
    assert found  # and something is found
    for key, pair in by_pair.items():  # what is missing shares only popular members
        if key not in found:
            assert set(pair["shared_members"]) <= popular


def test_sampled_betweenness_is_documented_and_reproducible():
    graph = to_graph(seeded_model(1, bodies=40))
    first = metrics(graph, betweenness_k=5)
    assert first["structure"]["betweenness"]["method"] == "sampled"
    assert first == metrics(graph, betweenness_k=5)  # fixed seed
    assert structure_metrics(graph)["layers"] == first["structure"]["layers"]


@pytest.mark.parametrize("seed", range(3))
def test_min_jaccard_and_top_boundaries(seed):
    model = seeded_model(seed)
    graph = to_graph(model)
    expected = ref_overlaps(model, "both")
    middle = expected[len(expected) // 2]["jaccard"]
    at_least = overlaps(graph, min_jaccard=middle)
    assert at_least == [p for p in expected if p["jaccard"] >= middle]
    assert at_least[-1]["jaccard"] == middle  # a pair scoring exactly the minimum is kept
    assert overlaps(graph, top=3) == expected[:3]
    assert overlaps(graph, top=0) == []


def test_betweenness_counts_an_organisation_sitting_on_a_body():
    model = GovernanceModel.model_validate(
        {
            "entities": [
                {"id": "a", "kind": "council", "name": {"en": "A"}},
                {"id": "org", "kind": "organization", "name": {"en": "Org"}},
                {"id": "b", "kind": "council", "name": {"en": "B"}},
            ],
            "relationships": [
                {"from": "org", "type": "MEMBER_OF", "to": "a"},
                {"from": "org", "type": "MEMBER_OF", "to": "b"},
            ],
        }
    )
    found = body_metrics(to_graph(model))
    assert found["org"]["betweenness"] == 1.0
    expected = ref_body_metrics(model)
    assert {b: found[b]["betweenness"] for b in found} == {
        b: expected[b]["betweenness"] for b in expected
    }


@SETTINGS
@given(
    model=models(max_entities=14, max_relationships=40),
    by=st.sampled_from(["members", "priorities", "both"]),
    min_jaccard=st.sampled_from([0.0, 0.2, 0.5]),
)
def test_capped_overlaps_are_exact_and_miss_only_popular_only_pairs(model, by, min_jaccard):
    expected = {(p["a"], p["b"]): p for p in ref_overlaps(model, by, min_jaccard)}
    found = overlaps(to_graph(model), by=by, min_jaccard=min_jaccard, max_item_bodies=2)
    holders: dict[str, set[str]] = {}
    for rel in model.relationships:
        if rel.type is RelationType.MEMBER_OF:
            holders.setdefault(rel.from_, set()).add(rel.to)
        elif rel.type is RelationType.ADVANCES:
            holders.setdefault(rel.to, set()).add(rel.from_)
    popular = {item for item, bodies in holders.items() if len(bodies) > 2}
    for pair in found:
        assert expected[(pair["a"], pair["b"])] == pair
    seen = {(p["a"], p["b"]) for p in found}
    for key, pair in expected.items():
        if key not in seen:
            shared = set(pair["shared_members"]) | set(pair["shared_priorities"])
            if by == "members":
                shared = set(pair["shared_members"])
            elif by == "priorities":
                shared = set(pair["shared_priorities"])
            assert shared <= popular
