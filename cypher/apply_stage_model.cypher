// name: apply_stage_model
// First part of the swap statement: the model's title, description and rules go to
// the single :GovgraphModel node. (The swap is ONE statement, so the server applies all
// of it or none of it; it is kept short because FalkorDB's Bolt server drops messages
// over about 4 KB.)
MATCH (s:GovgraphStage {_g:$g,_r:'m'})
MERGE (m:GovgraphModel {key:'model'})
SET m=properties(s) REMOVE m._g,m._r
