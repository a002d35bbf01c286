// name: upsert_entities
// After a row source (rows_from_*): upsert entities. Every entity is an :Entity node
// found by id; its properties are replaced by the row's (a field the row lacks is
// removed). _push marks what this push wrote when it prunes ($mark; null otherwise).
MERGE (n:Entity {id:r[0][0]})
SET n={id:r[0][0],kind:r[1][0],name_en:r[2][0],name_fr:r[3][0],acronym_en:r[4][0],acronym_fr:r[5][0],description:r[6][0],valid_from:r[7][0],valid_to:r[8][0],valid_start:r[9][0],valid_end:r[10][0],tags:r[11][0],identifiers:r[12][0],attributes:r[13][0],source:r[14][0],_push:$mark}
