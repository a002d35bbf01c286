// name: read_entities
// params: scope
// Every entity of one scope with all its stored properties (behind `govgraph db pull`).
MATCH (n:Entity {scope: $scope})
RETURN properties(n) AS props
