// name: overlapping_memberships
// params: date = null, min_shared = 1, model = 'default'
// Pairs of bodies that share members (people, positions, jurisdictions or
// organisations with MEMBER_OF lines to both), most shared first. With $date
// (YYYY-MM-DD), only members, bodies and lines valid that day.
// Of the model stored under key $model (default 'default').
// Example: {min_shared: 2}
MATCH (model:GovgraphModel {key: $model})
WITH model.scope AS scope
MATCH (a:Entity)<-[r1:MEMBER_OF]-(m:Entity {scope: scope})-[r2:MEMBER_OF]->(b:Entity)
WHERE a.id < b.id
  AND ($date IS NULL OR all(x IN [a, b, m, r1, r2] WHERE
        (x.valid_start IS NULL OR x.valid_start <= $date)
        AND (x.valid_end IS NULL OR x.valid_end >= $date)))
WITH a, b, m
ORDER BY m.id
WITH a, b, collect(DISTINCT m.id) AS shared_members
WHERE size(shared_members) >= $min_shared
RETURN a.id AS a, b.id AS b, size(shared_members) AS shared, shared_members
ORDER BY shared DESC, a, b
