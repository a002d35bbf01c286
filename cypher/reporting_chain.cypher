// name: reporting_chain
// params: id, date = null, include_informal = false
// The reporting chains of one body, bottom-up: every path of REPORTS_TO lines from the
// body to a top (a body with no further line). Formal lines only unless
// $include_informal; with $date (YYYY-MM-DD), only bodies and lines valid that day.
// Example: {id: 'data-driven-intelligence-wg', date: '2018-01-01'}
MATCH p = (start:Entity {id: $id})-[:REPORTS_TO*1..]->(top:Entity)
WHERE all(r IN relationships(p) WHERE (r.formal = true OR $include_informal = true)
      AND ($date IS NULL OR ((r.valid_start IS NULL OR r.valid_start <= $date)
                         AND (r.valid_end IS NULL OR r.valid_end >= $date))))
  AND all(n IN nodes(p) WHERE $date IS NULL OR ((n.valid_start IS NULL OR n.valid_start <= $date)
                                             AND (n.valid_end IS NULL OR n.valid_end >= $date)))
  AND size([(top)-[u:REPORTS_TO]->(v:Entity)
            WHERE (u.formal = true OR $include_informal = true)
              AND ($date IS NULL OR ((u.valid_start IS NULL OR u.valid_start <= $date)
                                 AND (u.valid_end IS NULL OR u.valid_end >= $date)
                                 AND (v.valid_start IS NULL OR v.valid_start <= $date)
                                 AND (v.valid_end IS NULL OR v.valid_end >= $date))) | v]) = 0
RETURN [n IN nodes(p) | n.id] AS chain, length(p) AS steps
ORDER BY steps DESC, chain
