// name: create_entities
// template: label (rendered only from govgraph.vocabulary.EntityKind)
// params: rows, scope
// Create a batch of new entities of one kind: each row is {props} (id, scope, hash and
// the model's fields, see govgraph.store.rows); the kind label is set here, in the
// push's transaction.
UNWIND $rows AS r
CREATE (n:Entity:{{label}})
SET n = r.props
