// name: upsert_relationships
// After a row source (rows_from_*): find both ends of each relationship row and build
// its properties (t is its type); one upsert_relationship_type clause per type
// follows. _push marks what this push wrote when it prunes ($mark; null otherwise).
MATCH (a:Entity {id:r[0][0]}),(b:Entity {id:r[1][0]})
WITH a,b,r[2][0] AS t,{uid:r[3][0],key:r[4][0],formal:r[5][0],role:r[6][0],level:r[7][0],service:r[8][0],valid_from:r[9][0],valid_to:r[10][0],valid_start:r[11][0],valid_end:r[12][0],tags:r[13][0],attributes:r[14][0],source:r[15][0],_push:$mark} AS p
