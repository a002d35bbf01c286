// name: subordinates
// params: id, date = null, include_informal = false, model = 'default'
// Every body below this one, directly or not, with its distance (1 = direct), as
// `govgraph subordinates` gives them: lines up are formal REPORTS_TO and PART_OF
// (informal REPORTS_TO too with $include_informal). With $date (YYYY-MM-DD), only
// bodies and lines valid that day.
// Of the model stored under key $model (default 'default').
// Example: {id: 'pssdc'}
MATCH (model:GovgraphModel {key: $model})
WITH model.scope AS scope
MATCH p = (sub:Entity)-[:REPORTS_TO|PART_OF*1..]->(boss:Entity {scope: scope, id: $id})
WHERE all(r IN relationships(p) WHERE (type(r) = 'PART_OF' OR r.formal = true OR $include_informal = true)
      AND ($date IS NULL OR ((r.valid_start IS NULL OR r.valid_start <= $date)
                         AND (r.valid_end IS NULL OR r.valid_end >= $date))))
  AND all(n IN nodes(p) WHERE $date IS NULL OR ((n.valid_start IS NULL OR n.valid_start <= $date)
                                             AND (n.valid_end IS NULL OR n.valid_end >= $date)))
  AND sub.id <> $id
WITH sub, min(length(p)) AS depth
RETURN sub.id AS id, sub.kind AS kind, sub.name_en AS name_en, sub.name_fr AS name_fr, depth
ORDER BY depth, id
