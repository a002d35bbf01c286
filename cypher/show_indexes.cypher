// name: show_indexes
// The names of the indexes the database has (db schema skips those that exist).
SHOW INDEXES YIELD name
RETURN name
