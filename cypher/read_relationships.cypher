// name: read_relationships
// Every relationship between entities, with its type and stored properties
// (behind `govgraph db pull`).
MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props
