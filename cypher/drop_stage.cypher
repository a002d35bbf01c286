// name: drop_stage
// Delete the staged rows of a push that failed (of every push when $g is null).
MATCH (s:GovgraphStage)
WHERE $g IS NULL OR s._g = $g
DELETE s
