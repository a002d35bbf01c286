// name: rows_from_stage
// template: part (rendered only from govgraph's row kinds: m, e, r)
// The rows of one kind staged by this push (stage_rows), one at a time as r: the
// source of the upserts in the swap statement.
WITH count(*) AS d
MATCH (s:GovgraphStage {_g:$g,_r:'{{part}}'})
UNWIND s.rows AS r
