// name: retired_scopes
// The retired generations nobody is deleting (their lease ran out): a cleanup deletes
// them (see retire_scope).
MATCH (r:GovgraphRetired)
WHERE r.lease_until < timestamp()
RETURN r.model AS model, r.scope AS scope, r.reason AS reason
ORDER BY r.model, r.scope
