// name: claim_retired
// params: scope, owner, lease
// Lease the deletion of retired generation $scope to $owner for $lease ms, if it is
// already $owner's or its lease ran out (its deleter died). The first SET takes the
// node's write lock, so the owner read after it is the last committed one. No row:
// another deleter holds it, or it is gone.
MATCH (r:GovgraphRetired {scope: $scope})
SET r.claimed = timestamp()
WITH r
WHERE r.owner = $owner OR r.lease_until < timestamp()
SET r.owner = $owner, r.lease_until = timestamp() + $lease
RETURN r.scope AS scope
