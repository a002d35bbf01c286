// name: create_entities
// template: label (rendered only from govgraph.vocabulary.EntityKind)
// params: rows, scope
// Create a batch of new entities of one kind: each row is {props} (id, scope, hash and
// the model's fields, see govgraph.store.rows; absent fields are null and not stored);
// the kind label is set here, in the push's transaction. The properties are named one
// by one (no `SET n = map`), so the planner needs no Eager step. Returns each new
// node's id and element id (a large-model push finds the ends of its relationships by
// them); `n.id`, not `r.props.id`: reading the row after the CREATE adds an Eager step.
CYPHER replan=skip
UNWIND $rows AS r
CREATE (n:Entity:{{label}} {
  id: r.props.id, scope: r.props.scope, hash: r.props.hash, kind: r.props.kind,
  name_en: r.props.name_en, name_fr: r.props.name_fr,
  acronym_en: r.props.acronym_en, acronym_fr: r.props.acronym_fr,
  description: r.props.description, description_en: r.props.description_en,
  description_fr: r.props.description_fr, valid_from: r.props.valid_from,
  valid_to: r.props.valid_to, valid_start: r.props.valid_start,
  valid_end: r.props.valid_end, tags: r.props.tags, identifiers: r.props.identifiers,
  attributes: r.props.attributes, source: r.props.source
})
RETURN n.id AS id, elementId(n) AS element
