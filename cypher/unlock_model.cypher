// name: unlock_model
// params: model
// Last statement of a push that changed nothing: release the model node as it was.
MATCH (m:GovgraphModel {key: $model})
REMOVE m.locked_by
