// name: drop_generation
// params: model, scope, owner, lease
// A large-model push that failed takes its generation off the model node's list and
// records it as retired, leased to $owner, who deletes it next (see retire_scope).
MATCH (m:GovgraphModel {key: $model})
SET m.generations = [g IN coalesce(m.generations, []) WHERE g <> $scope]
MERGE (r:GovgraphRetired {scope: $scope})
SET r.model = $model, r.reason = "failed", r.owner = $owner,
  r.lease_until = timestamp() + $lease
