// name: rows_from_parameter
// A batch of rows sent as $rows, one at a time as r: the source of the upserts when
// the push runs in one transaction (Neo4j).
UNWIND $rows AS r
