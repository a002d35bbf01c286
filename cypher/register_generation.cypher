// name: register_generation
// params: model, scope
// First transaction of a large-model push (after lock_model and the revision check):
// record the new generation $scope on the model node as being written, so that a
// later push or `db schema` can delete it if its writer dies (see hold_generation).
MATCH (m:GovgraphModel {key: $model})
SET m.generations = coalesce(m.generations, []) + $scope
REMOVE m.locked_by
