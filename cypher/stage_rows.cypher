// name: stage_rows
// Stage a batch of rows as :GovgraphStage nodes tagged with the push's stage id (_g).
// _r says what a row is: 'm' the model's metadata, 'e' an entity, or a relationship
// type (its endpoints in _f and _t). Staged rows are not part of the model until
// apply_stage swaps them in with one statement, so a push that fails while staging
// leaves the live graph as it was. Returns how many rows were staged.
UNWIND $rows AS row
CREATE (s:GovgraphStage)
SET s = row
RETURN count(s) AS written
