// name: create_generation_relationships
// template: type (rendered only from govgraph.vocabulary.RelationType)
// params: rows, scope
// Create a batch of new relationships of one type in a generation that a large-model
// push is writing, whose entities it created: each row is {from, to, start, end, props},
// start and end being the element ids create_entities returned for from and to. A seek
// by element id costs less than two seeks in the (scope, id) index per row; the scope
// and id are checked as well, so that an element id reused by another node never
// connects the wrong one. Returns how many were created (the push checks that every
// row found its ends).
CYPHER replan=skip
UNWIND $rows AS r
MATCH (a) WHERE elementId(a) = r.start
MATCH (b) WHERE elementId(b) = r.end
WITH r, a, b
WHERE a.scope = $scope AND a.id = r.from AND b.scope = $scope AND b.id = r.to
CREATE (a)-[x:{{type}} {
  uid: r.props.uid, hash: r.props.hash, key: r.props.key, formal: r.props.formal,
  role: r.props.role, level: r.props.level, service: r.props.service,
  valid_from: r.props.valid_from, valid_to: r.props.valid_to,
  valid_start: r.props.valid_start, valid_end: r.props.valid_end, tags: r.props.tags,
  attributes: r.props.attributes, source: r.props.source
}]->(b)
RETURN count(x) AS created
