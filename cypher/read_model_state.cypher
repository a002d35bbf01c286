// name: read_model_state
// params: model
// The revision, current scope (generation) and metadata hash of the model $model.
MATCH (m:GovgraphModel {key: $model})
RETURN m.revision AS revision, m.scope AS scope, m.hash AS hash
