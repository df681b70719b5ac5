package eddy.flink;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;

/**
 * Executes the statements of one script in a fresh TableEnvironment: DDL and SET statements
 * change the environment, INSERT INTO runs its job to the end, and each query's rows are written
 * into OUT/1.csv, OUT/2.csv, ... in the order of the queries, in eddy's csv format: a header, then
 * one line per row; a result with any change other than an insert (an updating result) gets an
 * `op` column first (+I, -U, +U, -D), as eddy's 'sink.changelog-mode' = 'all' writes it.
 */
final class ScriptRunner {
  private static final Pattern SET =
      Pattern.compile("(?is)SET\\s+'((?:[^']|'')*)'\\s*=\\s*'((?:[^']|'')*)'\\s*");

  ScriptRunner(String host, int port) {
    ClusterEnvironment.install(host, port);
  }

  /** Loads the planner (a few seconds the first time) so the first script is not slower. */
  void warmUp() {
    newEnvironment(1).executeSql("SELECT 1").collect().forEachRemaining(row -> {});
  }

  void run(List<String> statements, int parallelism, Path out) throws Exception {
    TableEnvironment env = newEnvironment(parallelism);
    int queries = 0;
    for (String statement : statements) {
      String head = statement.stripLeading().toUpperCase(Locale.ROOT);
      Matcher set = SET.matcher(statement);
      if (set.matches()) {
        env.getConfig().set(unquote(set.group(1)), unquote(set.group(2)));
      } else if (head.startsWith("SELECT") || head.startsWith("WITH") || head.startsWith("(")
          || head.startsWith("VALUES") || head.startsWith("EXPLAIN")) {
        queries++;
        writeResult(env.executeSql(statement), out.resolve(queries + ".csv"));
      } else {
        TableResult result = env.executeSql(statement);
        if (result.getJobClient().isPresent()) result.await();
      }
    }
  }

  private static TableEnvironment newEnvironment(int parallelism) {
    Configuration config = new Configuration();
    ClusterEnvironment.setString(config, "parallelism.default", Integer.toString(parallelism));
    // A watermark after every row that advances it, as eddy's sources emit it (docs/flink.md):
    // with the default 200 ms, smaller advances reach the operators at wall-clock ticks.
    ClusterEnvironment.setString(config, "pipeline.auto-watermark-interval", "0 ms");
    return TableEnvironment.create(
        EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(config).build());
  }

  private static void writeResult(TableResult result, Path file) throws Exception {
    List<String> names = result.getResolvedSchema().getColumnNames();
    List<Row> rows = new ArrayList<>();
    boolean updating = false;
    try (CloseableIterator<Row> it = result.collect()) {
      while (it.hasNext()) {
        Row row = it.next();
        updating |= row.getKind() != RowKind.INSERT;
        rows.add(row);
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      List<String> header = new ArrayList<>();
      if (updating) header.add("op");
      header.addAll(names);
      w.write(String.join(",", header.stream().map(CsvValues::field).toList()));
      w.write('\n');
      for (Row row : rows) {
        List<String> fields = new ArrayList<>();
        if (updating) fields.add(row.getKind().shortString());
        for (int i = 0; i < row.getArity(); i++) fields.add(CsvValues.format(row.getField(i)));
        w.write(String.join(",", fields));
        w.write('\n');
      }
    }
  }

  private static String unquote(String s) {
    return s.replace("''", "'");
  }

  /** One line: the innermost cause's class and message, which is what says what went wrong. */
  static String describe(Throwable e) {
    Throwable root = e;
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != e) text.append(" | caused by ").append(root.getClass().getSimpleName())
        .append(": ").append(root.getMessage());
    return text.toString().replaceAll("\\s*\\R\\s*", " ");
  }

}
