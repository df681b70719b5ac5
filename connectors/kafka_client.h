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

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "connectors/connector.h"
#include "connectors/text_source.h"

namespace eddy {

// One rd_kafka_t with the last error librdkafka reported about it (a broker it cannot reach),
// so that a failed call can say why.
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

 private:
  friend Result<std::unique_ptr<KafkaClient>> make_kafka_client(
      const ConnectorContext&, rd_kafka_type_t,
      const std::vector<std::pair<std::string, std::string>>&, KafkaDeliveryCallback);
  static void on_error(rd_kafka_t* rk, int err, const char* reason, void* opaque);
  static void on_log(const rd_kafka_t* rk, int level, const char* fac, const char* buf);

  rd_kafka_t* rk_ = nullptr;
  std::string bootstrap_;
  mutable std::mutex mutex_;
  std::string last_error_;
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
