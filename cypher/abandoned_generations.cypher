// name: abandoned_generations
// The model keys with generations recorded as being written (see register_generation).
MATCH (m:GovgraphModel)
WHERE size(coalesce(m.generations, [])) > 0
RETURN m.key AS model, m.generations AS generations
