// name: update_entities
// template: label, other_labels (rendered only from govgraph.vocabulary.EntityKind)
// params: rows, scope
// Replace the properties of a batch of changed entities of one kind, found by scope
// and id (a null removes a field the entity no longer has); the kind label follows
// the kind (the other kinds' labels are removed). Properties are set one by one, id
// and scope (what finds the node) untouched, so the planner needs no Eager step.
// The index hints keep the plan an index seek even when it was made while the
// database was empty (a label scan and a filter then cost a scan per row).
UNWIND $rows AS r
MATCH (n:Entity {scope: $scope, id: r.props.id})
USING INDEX n:Entity(scope, id)
SET n.hash = r.props.hash, n.kind = r.props.kind,
  n.name_en = r.props.name_en, n.name_fr = r.props.name_fr,
  n.acronym_en = r.props.acronym_en, n.acronym_fr = r.props.acronym_fr,
  n.description = r.props.description, n.description_en = r.props.description_en,
  n.description_fr = r.props.description_fr, n.valid_from = r.props.valid_from,
  n.valid_to = r.props.valid_to, n.valid_start = r.props.valid_start,
  n.valid_end = r.props.valid_end, n.tags = r.props.tags,
  n.identifiers = r.props.identifiers, n.attributes = r.props.attributes,
  n.source = r.props.source
REMOVE n:{{other_labels}}
SET n:{{label}}
