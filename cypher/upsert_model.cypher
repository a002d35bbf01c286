// name: upsert_model
// After a row source (rows_from_*): the model's title, description and rules go to
// the single :GovgraphModel node (r holds title_en, title_fr, description, rules).
MERGE (m:GovgraphModel {key:'model'})
SET m={key:'model',title_en:r[0][0],title_fr:r[1][0],description:r[2][0],rules:r[3][0]}
