package org.govgraph.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * An embedded Neo4j server for tests and benchmarks: Bolt on 127.0.0.1, auth on, data in a
 * temporary directory that is deleted on shutdown.
 *
 * <pre>
 *   java -cp classes:$(cat classpath.txt) org.govgraph.launcher.Launcher --password secret
 *   READY bolt://127.0.0.1:41234 neo4j 5.26.30
 * </pre>
 *
 * <p>Options: {@code --password P} (required; the password of user {@code neo4j}), {@code
 * --port N} (default: a free port), {@code --data DIR} (default: a new temporary directory,
 * removed at exit), {@code --stop-on-stdin-close} (also stop when the parent closes standard
 * input). It prints one {@code READY} line when Bolt accepts connections and shuts down cleanly
 * on SIGTERM.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) throws Exception {
    String password = null;
    int port = 0;
    Path data = null;
    boolean watch = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--password" -> password = args[++i];
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--data" -> data = Path.of(args[++i]);
        case "--stop-on-stdin-close" -> watch = true;
        default -> fail("unknown option " + args[i]);
      }
    }
    if (password == null || password.isEmpty()) {
      fail("--password is required");
    }
    if (port == 0) {
      port = freePort();
    }
    boolean temporary = data == null;
    Path home = temporary ? Files.createTempDirectory("govgraph-neo4j-") : data;

    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(GraphDatabaseSettings.auth_enabled, true)
            // tests log in with wrong passwords on purpose: never lock the user out
            .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
            .setConfig(HttpConnector.enabled, false)
            .build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  dbms.shutdown();
                  if (temporary) {
                    deleteTree(home);
                  }
                  stopped.countDown();
                }));
    // the embedded API runs with full rights: set the password and drop the
    // change-on-first-login requirement, so clients log in as they would on a server
    dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
        .executeTransactionally(
            "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
            java.util.Map.of("password", password));
    Object version =
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME)
            .executeTransactionally(
                "CALL dbms.components() YIELD versions RETURN versions[0] AS version",
                java.util.Map.of(),
                result -> result.next().get("version"));
    System.out.println("READY bolt://127.0.0.1:" + port + " neo4j " + version);
    System.out.flush();
    if (watch) {
      // stop when the parent closes our standard input (it died), as well as on SIGTERM
      watchStandardInput();
    }
    stopped.await();
  }

  private static void watchStandardInput() {
    Thread watcher =
        new Thread(
            () -> {
              try {
                while (System.in.read() != -1) {
                  // ignore input
                }
              } catch (IOException ignored) {
                // treat as closed
              }
              System.exit(0);
            });
    watcher.setDaemon(true);
    watcher.start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: it is a temporary directory
    }
  }

  private static void fail(String message) {
    System.err.println("neo4j-launcher: " + message);
    System.exit(2);
  }
}
