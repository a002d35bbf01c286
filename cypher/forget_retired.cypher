// name: forget_retired
// params: scope, owner
// Last step of deleting retired generation $scope (its entities are gone): delete its
// chunks and the record, if $owner still holds the lease. Returns whether it did.
MATCH (r:GovgraphRetired {scope: $scope})
SET r.claimed = timestamp()
WITH r
WHERE r.owner = $owner
OPTIONAL MATCH (c:GovgraphChunk {scope: $scope})
DELETE c
WITH DISTINCT r
DELETE r
RETURN true AS forgotten
