// What the kafka and upsert-kafka connectors share: librdkafka handles built from a stream's
// WITH options ('properties.*' go to the client as they are), the topic's partitions, offset
// look-ups, and the option parsing both directions need.
//
// The C API (rdkafka.h) rather than the C++ wrapper: the source decodes a message's payload in
// place from the rd_kafka_message_t librdkafka hands out (the C++ API wraps every message in a
// heap object), reads each partition from its own queue (rd_kafka_queue_get_partition) to merge
// partitions in a fixed order, and the offset and transaction calls are the same in both.
#pragma once

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/connector.h"
#include "connectors/text_source.h"

namespace eddy {

// One rd_kafka_t with the last error librdkafka reported about it (a broker it cannot reach),
// so that a failed call can say why, and (with statistics on) whether it has a broker
// connection.
//
// A broker that goes away mid-run: librdkafka reconnects on its own, with backoff
// (reconnect.backoff.ms .. reconnect.backoff.max.ms), and retries what was in flight, so the
// connectors wait for it, for kafka_request_timeout_ms at most. The source learns whether a
// broker is connected from librdkafka's statistics (the brokers' "state"), which it turns on
// ('statistics.interval.ms'): they come with rd_kafka_poll, which the source calls all the time
// (a client polled only now and then, the sink's producer, would pile them up).
using KafkaDeliveryCallback = void (*)(rd_kafka_t*, const rd_kafka_message_t*, void*);

class KafkaClient {
 public:
  ~KafkaClient();
  rd_kafka_t* handle() const { return rk_; }
  std::string last_error() const;
  // The topics' partitions, in (topic order, partition) order: a Runtime error naming the topic
  // when it does not exist, or the broker when it cannot be reached within timeout_ms.
  Result<std::vector<std::pair<std::string, int32_t>>> partitions(
      const std::vector<std::string>& topics, int timeout_ms);
  // Every topic whose name matches `pattern` (ECMAScript regex, whole name), sorted.
  Result<std::vector<std::string>> topics_matching(const std::string& pattern, int timeout_ms);
  // Low and high watermark (the high one is the last stable offset for a read_committed client).
  Result<std::pair<int64_t, int64_t>> watermarks(const std::string& topic, int32_t partition,
                                                 int timeout_ms);

  const std::string& bootstrap() const { return bootstrap_; }

  // How long no broker connection has been up, counted from `since` at the earliest (a client
  // that had nothing to do may have had its idle connections closed); 0 while one is up, or
  // without statistics. As fresh as the last rd_kafka_poll, to a statistics interval.
  int64_t unreachable_ms(std::chrono::steady_clock::time_point since) const;
  // "no Kafka broker reachable at 'host:port' for 3000 ms (the limit, ...): <last error>"
  std::string unreachable_error(int timeout_ms) const;

 private:
  friend Result<std::unique_ptr<KafkaClient>> make_kafka_client(
      const ConnectorContext&, rd_kafka_type_t,
      const std::vector<std::pair<std::string, std::string>>&, KafkaDeliveryCallback);
  static void on_error(rd_kafka_t* rk, int err, const char* reason, void* opaque);
  static void on_log(const rd_kafka_t* rk, int level, const char* fac, const char* buf);
  static int on_stats(rd_kafka_t* rk, char* json, size_t length, void* opaque);

  rd_kafka_t* rk_ = nullptr;
  std::string bootstrap_;
  mutable std::mutex mutex_;
  std::string last_error_;
  bool down_ = false;  // the last statistics showed no broker connection up
  std::chrono::steady_clock::time_point down_since_;
};

// A consumer or producer for the stream: 'properties.*' (minus the prefix) plus `defaults` for
// keys the user did not set. A property librdkafka rejects is a Bind error at its option.
Result<std::unique_ptr<KafkaClient>> make_kafka_client(
    const ConnectorContext& context, rd_kafka_type_t type,
    const std::vector<std::pair<std::string, std::string>>& defaults,
    KafkaDeliveryCallback on_delivery = nullptr);

// How long metadata and offset requests may take: 'properties.socket.timeout.ms', else 60 s
// (librdkafka's default).
int kafka_request_timeout_ms(const ConnectorContext& context);

// Errors librdkafka recovers from by itself (it reconnects, refreshes metadata, fetches or sends
// again): reported while a broker is away, they are no reason to fail a query.
bool kafka_error_is_transient(rd_kafka_resp_err_t err);

// True when librdkafka's statistics (JSON) show a broker connection in state UP, or cannot be
// read (then nothing is concluded from them).
bool kafka_stats_broker_up(std::string_view json);

// The topics of 'topic' ("a;b" lists several, as in Flink).
std::vector<std::string> kafka_topics(const ConnectorContext& context);

// The columns a format reads or writes: the key's ('key.fields', or the PRIMARY KEY for
// upsert-kafka) and the value's (every physical column, or those not in the key with
// 'value.fields-include' = 'EXCEPT_KEY'), as indices into context.schema.
struct KafkaFields {
  std::vector<int> key;
  std::vector<int> value;
};
Result<KafkaFields> kafka_fields(const ConnectorContext& context);

// The format options of the value ('format' or 'value.format') and of the key ('key.format').
TextFormatOptions kafka_value_format(const ConnectorContext& context);
TextFormatOptions kafka_key_format(const ConnectorContext& context);
bool kafka_is_upsert(const ConnectorContext& context);

// 'partition:0,offset:42;partition:1,offset:300' (Flink's spelling); false when malformed.
bool parse_partition_offsets(const std::string& text,
                             std::vector<std::pair<int32_t, int64_t>>& out);

// The registry's extra checks for 'kafka' and 'upsert-kafka' (option combinations).
Status validate_kafka(const ConnectorContext& context);
bool is_kafka_property_key(const std::string& key);

}  // namespace eddy
