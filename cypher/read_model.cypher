// name: read_model
// params: model
// The model $model's node: title, description, rules, revision and current scope
// (behind `govgraph db pull`).
MATCH (m:GovgraphModel {key: $model})
RETURN properties(m) AS props
