// name: bodies_of_kind
// params: kind, date = null, model = 'default'
// Entities of one kind (council, committee, working_group, table, organization, ...)
// valid on $date (YYYY-MM-DD; all of them when $date is null), by id.
// Of the model stored under key $model (default 'default').
// Example: {kind: 'working_group', date: '2017-01-01'}
MATCH (model:GovgraphModel {key: $model})
WITH model.scope AS scope
MATCH (n:Entity {scope: scope})
WHERE n.kind = $kind
  AND ($date IS NULL OR ((n.valid_start IS NULL OR n.valid_start <= $date)
                     AND (n.valid_end IS NULL OR n.valid_end >= $date)))
RETURN n.id AS id, n.name_en AS name_en, n.name_fr AS name_fr,
       n.valid_from AS valid_from, n.valid_to AS valid_to
ORDER BY id
