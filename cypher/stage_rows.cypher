// name: stage_rows
// Stage one batch of rows as ONE :GovgraphStage node tagged with the push's stage id
// (_g). _r says what the rows are: 'm' the model's metadata, 'e' entities, 'r'
// relationships; rows is a list of rows, each a list of one-item lists, one per field
// in a fixed order (an empty list for a field the record does not have: stored lists
// cannot hold null). Staged rows are not part of the model until the swap statement
// upserts them, so a push that fails while staging leaves the live graph as it was.
// (One node per batch, not per row: FalkorDB's writes get slower as the node count
// grows.) Returns how many rows were staged. FalkorDB only: Neo4j cannot store nested
// lists, and needs no staging (its push is one transaction).
CREATE (s:GovgraphStage {_g:$g,_r:$part,_n:size($rows),rows:$rows})
RETURN s._n AS written
