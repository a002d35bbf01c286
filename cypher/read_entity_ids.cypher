// name: read_entity_ids
// The id of every entity in the store (`push --prune` deletes those not in the model).
MATCH (n:Entity)
RETURN n.id AS id
