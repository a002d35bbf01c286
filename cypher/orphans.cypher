// name: orphans
// params: date = null, model = 'default'
// Working groups and committees with no formal reporting line (the informal structure
// the deck complains about), with their informal parents if any. With $date
// (YYYY-MM-DD), only bodies and lines valid that day.
// Of the model stored under key $model (default 'default').
// Example: {}
MATCH (model:GovgraphModel {key: $model})
WITH model.scope AS scope
MATCH (n:Entity {scope: scope})
WHERE n.kind IN ['working_group', 'committee']
  AND ($date IS NULL OR ((n.valid_start IS NULL OR n.valid_start <= $date)
                     AND (n.valid_end IS NULL OR n.valid_end >= $date)))
WITH n, [(n)-[r:REPORTS_TO]->(p:Entity)
         WHERE ($date IS NULL OR ((r.valid_start IS NULL OR r.valid_start <= $date)
                              AND (r.valid_end IS NULL OR r.valid_end >= $date)
                              AND (p.valid_start IS NULL OR p.valid_start <= $date)
                              AND (p.valid_end IS NULL OR p.valid_end >= $date)))
         | [r.formal, p.id]] AS lines
WHERE size([line IN lines WHERE line[0] = true]) = 0
RETURN n.id AS id, n.kind AS kind, n.name_en AS name_en, n.name_fr AS name_fr,
       [line IN lines | line[1]] AS informal_parents
ORDER BY id
