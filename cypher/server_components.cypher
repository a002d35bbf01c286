// name: server_components
// Which server this is: Neo4j answers with its components; FalkorDB has no such
// procedure (and announces itself as Neo4j over Bolt, so govgraph asks).
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions, edition
