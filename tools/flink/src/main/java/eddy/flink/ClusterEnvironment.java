package eddy.flink;

import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Makes every execution environment the table planner asks for submit its jobs to the
 * MiniCluster this process started, through its REST endpoint, instead of starting a new local
 * cluster per job (the default outside a Flink client): Flink's start-up is then paid once per
 * process, not once per query.
 */
final class ClusterEnvironment extends StreamExecutionEnvironment {
  private ClusterEnvironment() {}

  static void install(String host, int port) {
    initializeContextEnvironment(
        configuration -> {
          Configuration merged = new Configuration();
          merged.addAll(configuration);
          setString(merged, "execution.target", "remote");
          setString(merged, "rest.address", host);
          setString(merged, "rest.port", Integer.toString(port));
          return new StreamExecutionEnvironment(merged);
        });
  }

  static void setString(Configuration configuration, String key, String value) {
    configuration.set(ConfigOptions.key(key).stringType().noDefaultValue(), value);
  }
}
