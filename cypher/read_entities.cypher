// name: read_entities
// Every entity with all its stored properties (behind `govgraph db pull`).
MATCH (n:Entity)
RETURN n.id AS id, properties(n) AS props
