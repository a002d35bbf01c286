// name: prune_unmarked
// For `push --prune`, after the upserts: delete the relationships and the entities
// this push did not write (their _push is not $mark), then clear the marks.
WITH count(*) AS d
MATCH (:Entity)-[x]->(:Entity) WHERE x._push IS NULL OR x._push<>$mark DELETE x
WITH count(*) AS d
MATCH (n:Entity) WHERE n._push IS NULL OR n._push<>$mark DETACH DELETE n
WITH count(*) AS d
MATCH (n:Entity) REMOVE n._push
WITH count(*) AS d
MATCH (:Entity)-[x]->(:Entity) REMOVE x._push
