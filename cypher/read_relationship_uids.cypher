// name: read_relationship_uids
// Every relationship's endpoints and uid (`push --prune` deletes those not in the model).
MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id AS from, b.id AS to, r.uid AS uid
