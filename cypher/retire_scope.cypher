// name: retire_scope
// params: model, scope, reason, owner, lease
// Record that generation $scope of model key $model is to be deleted ($reason:
// "replaced" after a large-model push switched away from it, "abandoned" when its
// writer died, "failed" when its push failed), leased to $owner, who deletes it next
// (see claim_retired). Run in the transaction that takes the generation out of use, so
// that a deletion interrupted at any point is finished later by a cleanup.
MERGE (r:GovgraphRetired {scope: $scope})
SET r.model = $model, r.reason = $reason, r.owner = $owner,
  r.lease_until = timestamp() + $lease
