// name: multiple_formal_parents
// params: date = null, model = 'default'
// Bodies with formal reporting lines to several parents at the same time: two formal
// lines to different parents whose validity intervals overlap (or, with $date
// (YYYY-MM-DD), that are both valid that day).
// Of the model stored under key $model (default 'default').
// Example: {}
MATCH (model:GovgraphModel {key: $model})
WITH model.scope AS scope
MATCH (p1:Entity)<-[r1:REPORTS_TO]-(n:Entity {scope: scope})-[r2:REPORTS_TO]->(p2:Entity)
WHERE r1.formal = true AND r2.formal = true AND p1.id < p2.id
  AND (r1.valid_start IS NULL OR r2.valid_end IS NULL OR r1.valid_start <= r2.valid_end)
  AND (r2.valid_start IS NULL OR r1.valid_end IS NULL OR r2.valid_start <= r1.valid_end)
  AND ($date IS NULL OR ((r1.valid_start IS NULL OR r1.valid_start <= $date)
                     AND (r1.valid_end IS NULL OR r1.valid_end >= $date)
                     AND (r2.valid_start IS NULL OR r2.valid_start <= $date)
                     AND (r2.valid_end IS NULL OR r2.valid_end >= $date)))
UNWIND [p1.id, p2.id] AS parent
WITH n, parent
ORDER BY parent
WITH n, collect(DISTINCT parent) AS parents
RETURN n.id AS id, n.kind AS kind, n.name_en AS name_en, n.name_fr AS name_fr, parents
ORDER BY id
