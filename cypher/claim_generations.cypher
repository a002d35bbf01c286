// name: claim_generations
// params: model, owner, lease
// Take the model node's write lock (run with a short transaction timeout: while a
// large-model push holds it, this gives up) and clear its list of generations being
// written: no writer holds them any more, so they are abandoned. Each is recorded as
// retired (see retire_scope), leased to $owner, in the same transaction; returns them.
MATCH (m:GovgraphModel {key: $model})
WITH m, [g IN coalesce(m.generations, []) WHERE g <> m.scope] AS abandoned
SET m.generations = []
FOREACH (g IN abandoned |
  MERGE (r:GovgraphRetired {scope: g})
  SET r.model = $model, r.reason = "abandoned", r.owner = $owner,
    r.lease_until = timestamp() + $lease
)
RETURN abandoned
