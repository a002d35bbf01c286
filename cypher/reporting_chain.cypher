// name: reporting_chain
// params: id, date = null, include_informal = false, model = 'default'
// The reporting chains of one body, bottom-up, as `govgraph chain` gives them: every
// path of lines up (formal REPORTS_TO and PART_OF; informal REPORTS_TO too with
// $include_informal) from the body to a root, a body with no line up. A body with no
// line up has one chain, itself. With $date (YYYY-MM-DD), only bodies and lines valid
// that day.
// Of the model stored under key $model (default 'default').
// Example: {id: 'data-driven-intelligence-wg', date: '2018-01-01'}
MATCH (model:GovgraphModel {key: $model})
WITH model.scope AS scope
MATCH p = (start:Entity {scope: scope, id: $id})-[:REPORTS_TO|PART_OF*0..]->(top:Entity)
WHERE all(r IN relationships(p) WHERE (type(r) = 'PART_OF' OR r.formal = true OR $include_informal = true)
      AND ($date IS NULL OR ((r.valid_start IS NULL OR r.valid_start <= $date)
                         AND (r.valid_end IS NULL OR r.valid_end >= $date))))
  AND all(n IN nodes(p) WHERE $date IS NULL OR ((n.valid_start IS NULL OR n.valid_start <= $date)
                                             AND (n.valid_end IS NULL OR n.valid_end >= $date)))
WITH [n IN nodes(p) | n.id] AS chain, top
OPTIONAL MATCH (top)-[u:REPORTS_TO|PART_OF]->(above:Entity)
WHERE (type(u) = 'PART_OF' OR u.formal = true OR $include_informal = true)
  AND ($date IS NULL OR ((u.valid_start IS NULL OR u.valid_start <= $date)
                     AND (u.valid_end IS NULL OR u.valid_end >= $date)
                     AND (above.valid_start IS NULL OR above.valid_start <= $date)
                     AND (above.valid_end IS NULL OR above.valid_end >= $date)))
WITH chain, count(above) AS further
WHERE further = 0
RETURN chain, size(chain) - 1 AS steps
ORDER BY steps, chain
