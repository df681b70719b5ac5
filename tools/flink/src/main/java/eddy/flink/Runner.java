package eddy.flink;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * Runs Flink SQL scripts on a local Flink and writes each query's rows in eddy's csv format (see
 * docs/flink.md). One MiniCluster is started per process and every script is submitted to it, so
 * Flink's start-up is paid once:
 *
 * <pre>
 *   Runner [--parallelism N] --out DIR SCRIPT.sql   run one script, rows into DIR/1.csv, DIR/2.csv, ...
 *   Runner --serve                                  read "RUN N SCRIPT DIR" lines on stdin, answer
 *                                                   "ok MILLIS" or "error MESSAGE" per line
 * </pre>
 *
 * The first line the process writes on stdout is "ready MILLIS" (the start-up time).
 */
public final class Runner {
  private static final int SLOTS = 8;

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    boolean serve = false;
    int parallelism = 1;
    String out = null;
    String script = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--serve" -> serve = true;
        case "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
        case "--out" -> out = args[++i];
        default -> script = args[i];
      }
    }
    if (!serve && (script == null || out == null)) {
      System.err.println("usage: Runner [--parallelism N] --out DIR SCRIPT.sql | Runner --serve");
      System.exit(2);
    }
    // Flink's log output goes nowhere (no logging backend on the classpath); the protocol owns
    // stdout, so anything a library prints there is moved to stderr.
    PrintStream protocol = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.setOut(System.err);

    MiniCluster cluster = startCluster();
    URI rest = cluster.getRestAddress().get();
    ScriptRunner runner = new ScriptRunner(rest.getHost(), rest.getPort());
    runner.warmUp();
    protocol.println("ready " + (System.nanoTime() - started) / 1_000_000);
    int status = 0;
    try {
      if (serve) {
        serve(runner, protocol);
      } else {
        status = runOne(runner, protocol, parallelism, Path.of(script), Path.of(out)) ? 0 : 1;
      }
    } finally {
      cluster.close();
    }
    System.exit(status);
  }

  private static MiniCluster startCluster() throws Exception {
    Configuration config = new Configuration();
    config.set(RestOptions.BIND_PORT, "0");
    config.set(RestOptions.ADDRESS, "127.0.0.1");
    config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    config.set(TaskManagerOptions.NUM_TASK_SLOTS, SLOTS);
    MiniClusterConfiguration clusterConfig =
        new MiniClusterConfiguration.Builder()
            .setConfiguration(config)
            .setNumTaskManagers(1)
            .setNumSlotsPerTaskManager(SLOTS)
            .build();
    MiniCluster cluster = new MiniCluster(clusterConfig);
    cluster.start();
    return cluster;
  }

  private static void serve(ScriptRunner runner, PrintStream protocol) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      line = line.strip();
      if (line.isEmpty()) continue;
      if (line.equals("QUIT")) break;
      String[] parts = line.split(" ", 4);
      if (parts.length != 4 || !parts[0].equals("RUN")) {
        protocol.println("error bad request: " + line);
        continue;
      }
      runOne(runner, protocol, Integer.parseInt(parts[1]), Path.of(parts[2]), Path.of(parts[3]));
    }
  }

  private static boolean runOne(
      ScriptRunner runner, PrintStream protocol, int parallelism, Path script, Path out) {
    long started = System.nanoTime();
    try {
      Files.createDirectories(out);
      List<String> statements =
          ScriptSplitter.split(Files.readString(script, StandardCharsets.UTF_8));
      runner.run(statements, parallelism, out);
      protocol.println("ok " + (System.nanoTime() - started) / 1_000_000);
      return true;
    } catch (Throwable e) {
      protocol.println("error " + ScriptRunner.describe(e));
      return false;
    }
  }
}
