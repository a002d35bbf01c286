// name: hold_generation
// params: model, scope
// Opens the transaction a large-model push keeps open while it writes its generation
// in other transactions: it holds the model node's write lock (other pushes of the key
// wait; a cleanup sees the generation is being written) until it switches to the
// generation (commit_model) or the writer dies and the server rolls it back. No row:
// a cleanup removed the generation first.
MATCH (m:GovgraphModel {key: $model})
WHERE $scope IN coalesce(m.generations, [])
SET m.locked_by = $scope
RETURN m.revision AS revision, m.scope AS scope
