// name: clear
// Delete everything govgraph stored in the database, every model key: every :Entity,
// :GovgraphChunk, :GovgraphModel and :GovgraphRetired node, in transactions of 10,000
// (runs outside an explicit transaction).
MATCH (n)
WHERE n:Entity OR n:GovgraphChunk OR n:GovgraphModel OR n:GovgraphRetired
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
