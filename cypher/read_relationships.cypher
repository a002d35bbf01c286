// name: read_relationships
// params: scope
// Every relationship of one scope, with its type and stored properties (behind
// `govgraph db pull`).
MATCH (a:Entity {scope: $scope})-[r]->(b:Entity)
RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props
