// name: apply_stage_end
// Last part of the swap statement: delete this push's staged rows, and say how many
// rows they held.
WITH count(*) AS d
MATCH (s:GovgraphStage {_g:$g})
WITH s,s._n AS n
DELETE s
RETURN sum(n) AS applied
