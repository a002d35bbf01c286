// name: list_models
// The model keys in the database, with their revision.
MATCH (m:GovgraphModel)
RETURN m.key AS model, m.revision AS revision
ORDER BY model
