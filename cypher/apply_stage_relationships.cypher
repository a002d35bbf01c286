// name: apply_stage_relationships
// template: type (rendered only from govgraph.vocabulary.RelationType)
// Part of the swap statement, once per relationship type: upsert the staged
// relationships of that type, found by their uid (from, to and key); their properties
// are replaced by the staged ones.
WITH count(*) AS d
MATCH (s:GovgraphStage {_g:$g,_r:'{{type}}'})
MATCH (a:Entity {id:s._f}),(b:Entity {id:s._t})
MERGE (a)-[r:{{type}} {uid:s.uid}]->(b)
SET r=properties(s) REMOVE r._g,r._r,r._f,r._t
