// name: apply_stage_prune
// Part of the swap statement for `push --prune`: delete the relationships and the
// entities that the staged model does not hold.
WITH count(*) AS d
MATCH (:Entity)-[r]->(:Entity)
OPTIONAL MATCH (s:GovgraphStage {_g:$g,uid:r.uid})
WITH r,s WHERE s IS NULL DELETE r
WITH count(*) AS d
MATCH (n:Entity)
OPTIONAL MATCH (s:GovgraphStage {_g:$g,_r:'e',id:n.id})
WITH n,s WHERE s IS NULL DETACH DELETE n
