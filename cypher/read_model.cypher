// name: read_model
// The model's title, description and rules (behind `govgraph db pull`).
MATCH (m:GovgraphModel {key: 'model'})
RETURN properties(m) AS props
