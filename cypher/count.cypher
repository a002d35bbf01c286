// name: count
// params: model
// How many entities and relationships the model $model holds.
OPTIONAL MATCH (m:GovgraphModel {key: $model})
OPTIONAL MATCH (n:Entity {scope: m.scope})
OPTIONAL MATCH (n)-[r]->(:Entity)
RETURN count(DISTINCT n) AS entities, count(r) AS relationships
