// name: clear
// Delete everything govgraph stored: every :Entity and the :GovgraphModel node.
MATCH (n)
WHERE n:Entity OR n:GovgraphModel
DETACH DELETE n
