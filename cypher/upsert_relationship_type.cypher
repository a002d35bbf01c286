// name: upsert_relationship_type
// template: type (rendered only from govgraph.vocabulary.RelationType)
// After upsert_relationships, once per relationship type: upsert the rows of that
// type, found by their uid (from, to and key); their properties are replaced.
FOREACH (_ IN CASE WHEN t='{{type}}' THEN [1] ELSE [] END|MERGE (a)-[x:{{type}} {uid:p.uid}]->(b) SET x=p)
