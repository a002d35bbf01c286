// name: show_constraints
// The names of the constraints the database has (db schema skips those that exist).
SHOW CONSTRAINTS YIELD name
RETURN name
