// name: commit_model
// params: model, scope, props, hash
// Last statement of a push that changed something: the model node gets its metadata,
// its current scope (a large-model push switches generation here, and the generation
// is no longer being written) and the next revision, which it returns.
MATCH (m:GovgraphModel {key: $model})
SET m += $props, m.scope = $scope, m.hash = $hash, m.revision = m.revision + 1,
  m.generations = [g IN coalesce(m.generations, []) WHERE g <> $scope]
REMOVE m.locked_by
RETURN m.revision AS revision
