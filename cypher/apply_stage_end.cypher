// name: apply_stage_end
// Last part of the swap statement: delete the staged rows, and say how many there were.
WITH count(*) AS d
MATCH (s:GovgraphStage {_g:$g})
DELETE s
RETURN count(s) AS applied
