// The kafka and upsert-kafka connectors' option checks, made at CREATE STREAM time without a
// broker (tests/kafka/ runs them against one): Flink's option names, combinations that need each
// other, Flink's offset spelling, METADATA columns.
#include "connector_test_util.h"
#include "connectors/kafka_client.h"

namespace eddy {
namespace {

using namespace testing_util;

std::map<std::string, std::string> kafka(std::map<std::string, std::string> extra) {
  std::map<std::string, std::string> options = {{"connector", "kafka"},
                                                {"topic", "t"},
                                                {"properties.bootstrap.servers", "h:9092"},
                                                {"format", "json"}};
  for (auto& [k, v] : extra) options[k] = v;
  return options;
}

std::string check(std::map<std::string, std::string> options,
                  std::vector<std::string> metadata = {}, std::vector<int> key = {}) {
  ConnectorContext context = make_context(
      make_schema({{"id", Type::int32()}, {"name", Type::string()}, {"p", Type::int32()}}),
      std::move(options));
  context.metadata = std::move(metadata);
  context.primary_key = std::move(key);
  Status st = validate_connector(context, false);
  if (!st) st = validate_connector(context, true);
  return st ? "" : st.error().message;
}

TEST(KafkaOptions, FlinkOptionsAreAccepted) {
  EXPECT_EQ(check(kafka({{"scan.startup.mode", "earliest-offset"},
                         {"scan.bounded.mode", "latest-offset"},
                         {"properties.group.id", "g"},
                         {"properties.isolation.level", "read_committed"},
                         {"json.ignore-parse-errors", "true"},
                         {"key.format", "csv"},
                         {"key.fields", "id"},
                         {"value.fields-include", "EXCEPT_KEY"},
                         {"sink.partitioner", "round-robin"}})),
            "");
  EXPECT_EQ(check(kafka({{"scan.startup.mode", "specific-offsets"},
                         {"scan.startup.specific-offsets",
                          "partition:0,offset:42;partition:1,"
                          "offset:300"}})),
            "");
  EXPECT_EQ(check(kafka({{"sink.delivery-guarantee", "exactly-once"},
                         {"sink.transactional-id-prefix", "job"}})),
            "");
}

TEST(KafkaOptions, MistakesAreNamed) {
  EXPECT_EQ(check(kafka({{"scan.startup.mod", "earliest-offset"}})),
            "stream 's': unknown option 'scan.startup.mod' for connector 'kafka' (did you mean "
            "'scan.startup.mode'?)");
  EXPECT_EQ(check(kafka({{"scan.startup.mode", "timestamp"}})),
            "stream 's': 'scan.startup.mode' = 'timestamp' needs 'scan.startup.timestamp-millis'");
  EXPECT_EQ(check(kafka({{"scan.startup.mode", "specific-offsets"},
                         {"scan.startup.specific-offsets", "0:42"}})),
            "stream 's': 'scan.startup.specific-offsets' = '0:42': expected "
            "'partition:0,offset:42;partition:1,offset:300'");
  EXPECT_EQ(check(kafka({{"sink.delivery-guarantee", "exactly-once"}})),
            "stream 's': 'sink.delivery-guarantee' = 'exactly-once' needs "
            "'sink.transactional-id-prefix' (the transactional.id of the producer, kept across "
            "restarts)");
  EXPECT_EQ(check(kafka({{"key.fields", "idd"}, {"key.format", "csv"}})),
            "stream 's': 'key.fields' names 'idd', which is not a column (did you mean 'id'?)");
  EXPECT_EQ(check(kafka({{"key.fields", "id"}})),
            "stream 's': 'key.fields' needs 'key.format' (csv or json)");
  EXPECT_EQ(check(kafka({{"scan.startup.mode", "group-offsets"}})),
            "stream 's': 'group-offsets' needs 'properties.group.id' (the consumer group whose "
            "committed offsets to use)");
  EXPECT_EQ(check({{"connector", "kafka"}, {"topic", "t"}, {"format", "csv"}}),
            "stream 's': connector 'kafka' requires option 'properties.bootstrap.servers' "
            "(host:port of the Kafka brokers)");
}

TEST(KafkaOptions, UpsertKafkaNeedsAPrimaryKeyAndAKeyFormat) {
  std::map<std::string, std::string> upsert = {{"connector", "upsert-kafka"},
                                               {"topic", "t"},
                                               {"properties.bootstrap.servers", "h:9092"},
                                               {"value.format", "json"}};
  EXPECT_EQ(check(upsert),
            "stream 's': connector 'upsert-kafka' needs a PRIMARY KEY (... NOT "
            "ENFORCED): its columns are the message key");
  upsert["key.format"] = "json";
  EXPECT_EQ(check(upsert, {}, {0}), "");
}

TEST(KafkaOptions, MetadataColumns) {
  EXPECT_EQ(check(kafka({}), {"", "", "partition"}), "");
  EXPECT_EQ(check(kafka({}), {"", "", "partiton"}),
            "stream 's': column 'p': Kafka has no metadata 'partiton' (partition, offset, "
            "timestamp or topic) (did you mean 'partition'?)");
  EXPECT_EQ(check(kafka({}), {"", "", "timestamp"}),
            "stream 's': column 'p': Kafka metadata 'timestamp' is TIMESTAMP(3), not INT");
  EXPECT_EQ(check({{"connector", "print"}}, {"", "", "partition"}),
            "stream 's': column 'p': connector 'print' has no metadata 'partition' (METADATA "
            "columns are Kafka's: partition, offset, timestamp, topic)");
}

TEST(KafkaOptions, PartitionOffsets) {
  std::vector<std::pair<int32_t, int64_t>> offsets;
  ASSERT_TRUE(parse_partition_offsets("partition:0,offset:42; partition:1,offset:300", offsets));
  EXPECT_EQ(offsets, (std::vector<std::pair<int32_t, int64_t>>{{0, 42}, {1, 300}}));
  EXPECT_FALSE(parse_partition_offsets("partition:0", offsets));
  EXPECT_FALSE(parse_partition_offsets("partition:-1,offset:3", offsets));
  EXPECT_FALSE(parse_partition_offsets("", offsets));
}

}  // namespace
}  // namespace eddy
