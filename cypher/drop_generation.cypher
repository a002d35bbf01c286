// name: drop_generation
// params: model, scope
// A large-model push that failed takes its generation off the model node's list
// (after its entities and chunks were deleted).
MATCH (m:GovgraphModel {key: $model})
SET m.generations = [g IN coalesce(m.generations, []) WHERE g <> $scope]
