// name: lock_model
// params: model, scope
// First statement of every push transaction: find (or create, with $scope as its
// first generation) the model node of key $model and take its write lock, so that
// pushes of one key run one after the other. The next statement reads its state.
MERGE (m:GovgraphModel {key: $model})
  ON CREATE SET m.revision = 0, m.scope = $scope
SET m.locked_by = $scope
