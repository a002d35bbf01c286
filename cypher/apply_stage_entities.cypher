// name: apply_stage_entities
// Part of the swap statement: upsert the staged entities. Every entity is an :Entity
// node found by id; its properties are replaced by the staged ones.
WITH count(*) AS d
MATCH (s:GovgraphStage {_g:$g,_r:'e'})
MERGE (n:Entity {id:s.id})
SET n=properties(s) REMOVE n._g,n._r
