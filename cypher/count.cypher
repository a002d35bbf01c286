// name: count
// How many entities and relationships the store holds.
MATCH (n:Entity)
OPTIONAL MATCH (n)-[r]->(:Entity)
RETURN count(DISTINCT n) AS entities, count(r) AS relationships
