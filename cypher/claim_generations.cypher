// name: claim_generations
// params: model
// Take the model node's write lock (run with a short transaction timeout: while a
// large-model push holds it, this gives up) and clear its list of generations being
// written, returning it: no writer holds them any more, so they are abandoned.
MATCH (m:GovgraphModel {key: $model})
WITH m, [g IN coalesce(m.generations, []) WHERE g <> m.scope] AS abandoned
SET m.generations = []
RETURN abandoned
