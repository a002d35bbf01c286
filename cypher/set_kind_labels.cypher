// name: set_kind_labels
// template: kind, label (rendered only from govgraph.vocabulary.EntityKind)
// After a push: give every entity of one kind its label (e.g. :WorkingGroup) and take
// the label off entities whose kind changed. Labels mirror the kind property (which
// the named queries use), so they are set after the swap, in statements of their own.
MATCH (n:Entity {kind:'{{kind}}'}) SET n:{{label}}
WITH count(*) AS d
MATCH (n:{{label}}) WHERE n.kind <> '{{kind}}' REMOVE n:{{label}}
RETURN count(*) AS done
