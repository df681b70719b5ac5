// librdkafka handles and option helpers of the Kafka connectors (kafka_client.h).
#include "connectors/kafka_client.h"

#include <algorithm>
#include <chrono>
#include <regex>
#include <thread>
#include <tuple>

#include <fmt/format.h>
#include <simdjson.h>

#include "connectors/factories.h"
#include "connectors/value_parse.h"
#include "runtime/suggest.h"

namespace eddy {

namespace {

constexpr std::string_view kPropertyPrefix = "properties.";

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string::npos) end = text.size();
    std::string item(trim_blanks(std::string_view(text).substr(start, end - start)));
    if (!item.empty()) out.push_back(std::move(item));
    start = end + 1;
  }
  return out;
}

Error runtime_error(const ConnectorContext& context, const std::string& message) {
  return Error{Error::Kind::Runtime, context.stream.empty()
                                         ? message
                                         : fmt::format("stream '{}': {}", context.stream, message)};
}

}  // namespace

KafkaClient::~KafkaClient() {
  if (!rk_) return;
  // A consumer's close talks to the group coordinator; without a broker it would only wait.
  if (unreachable_ms({}) > 0)
    rd_kafka_destroy_flags(rk_, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
  else
    rd_kafka_destroy(rk_);
}

std::string KafkaClient::last_error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return last_error_;
}

void KafkaClient::on_error(rd_kafka_t*, int, const char* reason, void* opaque) {
  auto* self = static_cast<KafkaClient*>(opaque);
  std::lock_guard<std::mutex> lock(self->mutex_);
  self->last_error_ = reason;
}

// librdkafka logs to stderr unless told otherwise; a library must not print, so warnings are
// kept as the client's last error instead (a broker connection refused, for one).
void KafkaClient::on_log(const rd_kafka_t* rk, int level, const char*, const char* buf) {
  if (level > 4) return;  // warnings and worse
  auto* self = static_cast<KafkaClient*>(rd_kafka_opaque(rk));
  if (!self) return;
  std::lock_guard<std::mutex> lock(self->mutex_);
  self->last_error_ = buf;
}

bool kafka_stats_broker_up(std::string_view json) {
  simdjson::ondemand::parser parser;  // once per statistics interval: not worth keeping
  simdjson::padded_string padded(json);
  simdjson::ondemand::document doc;
  simdjson::ondemand::object brokers;
  if (parser.iterate(padded).get(doc) || doc["brokers"].get_object().get(brokers)) return true;
  for (auto entry : brokers) {
    simdjson::ondemand::field field;
    simdjson::ondemand::object broker;
    if (std::move(entry).get(field) || field.value().get_object().get(broker)) return true;
    std::string_view state;
    if (broker["state"].get_string().get(state)) return true;
    if (state == "UP") return true;
  }
  return false;
}

int KafkaClient::on_stats(rd_kafka_t*, char* json, size_t length, void* opaque) {
  auto* self = static_cast<KafkaClient*>(opaque);
  const bool up = kafka_stats_broker_up(std::string_view(json, length));
  std::lock_guard<std::mutex> lock(self->mutex_);
  if (!up && !self->down_) self->down_since_ = std::chrono::steady_clock::now();
  self->down_ = !up;
  return 0;  // librdkafka frees `json`
}

int64_t KafkaClient::unreachable_ms(std::chrono::steady_clock::time_point since) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!down_) return 0;
  const auto now = std::chrono::steady_clock::now();
  return std::max<int64_t>(
      0, std::chrono::duration_cast<std::chrono::milliseconds>(now - std::max(since, down_since_))
             .count());
}

std::string KafkaClient::unreachable_error(int timeout_ms) const {
  const std::string why = last_error();
  return fmt::format(
      "no Kafka broker reachable at '{}' for {} ms (the limit is "
      "'properties.socket.timeout.ms'){}{}",
      bootstrap_, timeout_ms, why.empty() ? "" : ": ", why);
}

Result<std::unique_ptr<KafkaClient>> make_kafka_client(
    const ConnectorContext& context, rd_kafka_type_t type,
    const std::vector<std::pair<std::string, std::string>>& defaults,
    KafkaDeliveryCallback on_delivery) {
  auto client = std::unique_ptr<KafkaClient>(new KafkaClient());
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char errstr[512];
  auto set = [&](const std::string& key, const std::string& value,
                 const std::string& option) -> Status {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr) ==
        RD_KAFKA_CONF_OK)
      return Status::ok();
    rd_kafka_conf_destroy(conf);
    return option_error(context, fmt::format("option '{}' = '{}': {}", option, value, errstr),
                        option);
  };
  for (const auto& [key, value] : defaults) {
    if (context.options.count(std::string(kPropertyPrefix) + key)) continue;
    if (Status s = set(key, value, key); !s) return s.error();
  }
  for (const auto& [key, value] : context.options) {
    if (!is_kafka_property_key(key)) continue;
    if (Status s = set(key.substr(kPropertyPrefix.size()), value, key); !s) return s.error();
  }
  client->bootstrap_ = context.option("properties.bootstrap.servers", "");
  rd_kafka_conf_set_opaque(conf, client.get());
  rd_kafka_conf_set_error_cb(conf, &KafkaClient::on_error);
  rd_kafka_conf_set_log_cb(conf, &KafkaClient::on_log);
  rd_kafka_conf_set_stats_cb(conf, &KafkaClient::on_stats);
  if (on_delivery) rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
  client->rk_ = rd_kafka_new(type, conf, errstr, sizeof errstr);
  if (!client->rk_) {
    rd_kafka_conf_destroy(conf);
    return runtime_error(context, fmt::format("cannot create a Kafka client: {}", errstr));
  }
  return client;
}

Result<std::vector<std::pair<std::string, int32_t>>> KafkaClient::partitions(
    const std::vector<std::string>& topics, int timeout_ms) {
  std::vector<std::pair<std::string, int32_t>> out;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (const std::string& topic : topics) {
    for (int attempt = 0;; ++attempt) {
      rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk_, topic.c_str(), nullptr);
      const rd_kafka_metadata_t* md = nullptr;
      const int left =
          int(std::max<int64_t>(100, std::chrono::duration_cast<std::chrono::milliseconds>(
                                         deadline - std::chrono::steady_clock::now())
                                         .count()));
      rd_kafka_resp_err_t err = rd_kafka_metadata(rk_, 0, rkt, &md, left);
      rd_kafka_topic_destroy(rkt);
      if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        std::string why = last_error();
        return Error{Error::Kind::Runtime,
                     fmt::format("cannot reach Kafka at '{}' within {} ms ({}{}{})", bootstrap_,
                                 timeout_ms, rd_kafka_err2str(err), why.empty() ? "" : ": ", why)};
      }
      rd_kafka_resp_err_t topic_err =
          md->topic_cnt == 1 ? md->topics[0].err : RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART;
      if (topic_err == RD_KAFKA_RESP_ERR_NO_ERROR && md->topics[0].partition_cnt > 0) {
        std::vector<int32_t> ids;
        for (int i = 0; i < md->topics[0].partition_cnt; ++i)
          ids.push_back(md->topics[0].partitions[i].id);
        std::sort(ids.begin(), ids.end());
        for (int32_t id : ids) out.emplace_back(topic, id);
        rd_kafka_metadata_destroy(md);
        break;
      }
      rd_kafka_metadata_destroy(md);
      const bool transient = topic_err == RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE ||
                             topic_err == RD_KAFKA_RESP_ERR_NO_ERROR;
      if (!transient || std::chrono::steady_clock::now() >= deadline) {
        if (topic_err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
          return Error{Error::Kind::Runtime,
                       fmt::format("topic '{}' does not exist (Kafka at '{}')", topic, bootstrap_)};
        return Error{Error::Kind::Runtime,
                     fmt::format("topic '{}': {}", topic, rd_kafka_err2str(topic_err))};
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(50 << attempt, 500)));
    }
  }
  return out;
}

Result<std::vector<std::string>> KafkaClient::topics_matching(const std::string& pattern,
                                                              int timeout_ms) {
  std::regex re;
  try {
    re = std::regex(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return Error{Error::Kind::Bind, fmt::format("'topic-pattern' is not a valid regular "
                                                "expression: {}",
                                                e.what())};
  }
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk_, 1, nullptr, &md, timeout_ms);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    std::string why = last_error();
    return Error{Error::Kind::Runtime,
                 fmt::format("cannot reach Kafka at '{}' within {} ms ({}{}{})", bootstrap_,
                             timeout_ms, rd_kafka_err2str(err), why.empty() ? "" : ": ", why)};
  }
  std::vector<std::string> out;
  for (int i = 0; i < md->topic_cnt; ++i) {
    std::string name = md->topics[i].topic;
    if (name.rfind("__", 0) == 0) continue;  // the broker's own topics
    if (std::regex_match(name, re)) out.push_back(name);
  }
  rd_kafka_metadata_destroy(md);
  std::sort(out.begin(), out.end());
  if (out.empty())
    return Error{Error::Kind::Runtime, fmt::format("no topic matches 'topic-pattern' = '{}' (Kafka "
                                                   "at '{}')",
                                                   pattern, bootstrap_)};
  return out;
}

Result<std::pair<int64_t, int64_t>> KafkaClient::watermarks(const std::string& topic,
                                                            int32_t partition, int timeout_ms) {
  int64_t low = 0, high = 0;
  rd_kafka_resp_err_t err =
      rd_kafka_query_watermark_offsets(rk_, topic.c_str(), partition, &low, &high, timeout_ms);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    return Error{Error::Kind::Runtime,
                 fmt::format("topic '{}' partition {}: cannot read its offsets: {}", topic,
                             partition, rd_kafka_err2str(err))};
  return std::make_pair(low, high);
}

int kafka_request_timeout_ms(const ConnectorContext& context) {
  int64_t ms = 0;
  // A copy: option() returns the fallback by reference, a temporary here.
  const std::string text = context.option("properties.socket.timeout.ms", "");
  if (!text.empty() && parse_int64_text(trim_blanks(text), ms) == ParseStatus::Ok && ms > 0)
    return int(std::min<int64_t>(ms, INT32_MAX));
  return 60000;
}

bool kafka_error_is_transient(rd_kafka_resp_err_t err) {
  switch (err) {
    case RD_KAFKA_RESP_ERR__TRANSPORT:
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
    case RD_KAFKA_RESP_ERR__RESOLVE:
    case RD_KAFKA_RESP_ERR__WAIT_COORD:
    case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
    case RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION:
    case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION:
    case RD_KAFKA_RESP_ERR_BROKER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_REPLICA_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR:
    case RD_KAFKA_RESP_ERR_UNKNOWN_LEADER_EPOCH:
    case RD_KAFKA_RESP_ERR_FENCED_LEADER_EPOCH:
    case RD_KAFKA_RESP_ERR_OFFSET_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS:
    case RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_COORDINATOR:
      return true;
    default:
      return false;
  }
}

std::vector<std::string> kafka_topics(const ConnectorContext& context) {
  return split(context.option("topic", ""), ';');
}

bool kafka_is_upsert(const ConnectorContext& context) {
  return iequals(context.option("connector", ""), "upsert-kafka");
}

Result<KafkaFields> kafka_fields(const ConnectorContext& context) {
  KafkaFields fields;
  if (kafka_is_upsert(context)) {
    fields.key = context.primary_key;
  } else {
    for (const std::string& name : split(context.option("key.fields", ""), ';')) {
      const int index = context.schema.find(name);
      if (index >= 0 && size_t(index) < context.metadata.size() && !context.metadata[index].empty())
        return option_error(
            context, fmt::format("'key.fields' names '{}', a METADATA column", name), "key.fields");
      if (index < 0) {
        std::vector<std::string> names;
        for (const auto& f : context.schema.fields) names.push_back(f.name);
        return option_error(context,
                            fmt::format("'key.fields' names '{}', which is not a column{}", name,
                                        did_you_mean(name, names)),
                            "key.fields");
      }
      fields.key.push_back(index);
    }
  }
  const bool except_key = iequals(context.option("value.fields-include", "ALL"), "EXCEPT_KEY");
  for (int c = 0; c < int(context.schema.size()); ++c) {
    if (size_t(c) < context.metadata.size() && !context.metadata[c].empty()) continue;
    if (except_key && std::find(fields.key.begin(), fields.key.end(), c) != fields.key.end())
      continue;
    fields.value.push_back(c);
  }
  return fields;
}

TextFormatOptions kafka_value_format(const ConnectorContext& context) {
  ConnectorContext copy;
  copy.options = context.options;
  copy.options["format"] = context.option("format", context.option("value.format", "json"));
  copy.options.erase("sink.changelog-mode");
  return text_format_options(copy);
}

TextFormatOptions kafka_key_format(const ConnectorContext& context) {
  ConnectorContext copy;
  copy.options["format"] = context.option("key.format", "json");
  return text_format_options(copy);
}

bool parse_partition_offsets(const std::string& text,
                             std::vector<std::pair<int32_t, int64_t>>& out) {
  out.clear();
  for (const std::string& entry : split(text, ';')) {
    const std::vector<std::string> parts = split(entry, ',');
    if (parts.size() != 2) return false;
    int64_t partition = -1, offset = -1;
    for (const std::string& part : parts) {
      const size_t colon = part.find(':');
      if (colon == std::string::npos) return false;
      const std::string key = to_lower(trim_blanks(std::string_view(part).substr(0, colon)));
      int64_t value = 0;
      if (parse_int64_text(trim_blanks(std::string_view(part).substr(colon + 1)), value) !=
              ParseStatus::Ok ||
          value < 0)
        return false;
      if (key == "partition")
        partition = value;
      else if (key == "offset")
        offset = value;
      else
        return false;
    }
    if (partition < 0 || offset < 0 || partition > INT32_MAX) return false;
    out.emplace_back(int32_t(partition), offset);
  }
  return !out.empty();
}

bool is_kafka_property_key(const std::string& key) {
  return key.size() > kPropertyPrefix.size() &&
         key.compare(0, kPropertyPrefix.size(), kPropertyPrefix) == 0;
}

// The metadata a Kafka stream's METADATA columns may read, and the types they may have.
Status check_kafka_metadata(const ConnectorContext& context) {
  for (size_t c = 0; c < context.metadata.size(); ++c) {
    const std::string& key = context.metadata[c];
    if (key.empty()) continue;
    const TypeId type = context.schema[c].type.id;
    const bool fits = key == "partition"   ? type == TypeId::Int || type == TypeId::BigInt
                      : key == "offset"    ? type == TypeId::BigInt
                      : key == "timestamp" ? type == TypeId::Timestamp
                      : key == "topic"     ? type == TypeId::String
                                           : false;
    const bool known =
        key == "partition" || key == "offset" || key == "timestamp" || key == "topic";
    if (!known)
      return option_error(
          context, fmt::format("column '{}': Kafka has no metadata '{}' (partition, offset, "
                               "timestamp or topic){}",
                               context.schema[c].name, key,
                               did_you_mean(key, {"partition", "offset", "timestamp", "topic"})));
    if (!fits)
      return option_error(context, fmt::format("column '{}': Kafka metadata '{}' is {}, not {}",
                                               context.schema[c].name, key,
                                               key == "partition"   ? "INT"
                                               : key == "offset"    ? "BIGINT"
                                               : key == "timestamp" ? "TIMESTAMP(3)"
                                                                    : "STRING",
                                               context.schema[c].type.to_string()));
  }
  return Status::ok();
}

Status validate_kafka(const ConnectorContext& context) {
  if (Status s = check_kafka_metadata(context); !s) return s;
  const bool upsert = kafka_is_upsert(context);
  const bool has_topic = context.options.count("topic") > 0;
  const bool has_pattern = context.options.count("topic-pattern") > 0;
  if (has_topic == has_pattern)
    return option_error(context,
                        has_topic ? "give 'topic' or 'topic-pattern', not both"
                                  : "connector 'kafka' requires option 'topic' (or "
                                    "'topic-pattern')",
                        has_topic ? "topic-pattern" : "");
  if (has_topic && kafka_topics(context).empty())
    return option_error(context, "'topic' names no topic", "topic");
  if (!context.options.count("format") && !context.options.count("value.format"))
    return option_error(context, fmt::format("connector '{}' requires option '{}' (the message "
                                             "format: csv, json or debezium-json)",
                                             upsert ? "upsert-kafka" : "kafka",
                                             upsert ? "value.format" : "format"));
  if (context.options.count("format") && context.options.count("value.format"))
    return option_error(context, "give 'format' or 'value.format', not both", "value.format");
  if (upsert && context.primary_key.empty())
    return option_error(context,
                        "connector 'upsert-kafka' needs a PRIMARY KEY (... NOT "
                        "ENFORCED): its columns are the message key");
  if (upsert && !context.options.count("key.format"))
    return option_error(context,
                        "connector 'upsert-kafka' requires option 'key.format' (the "
                        "format of the message key: csv or json)");
  const bool key_fields = context.options.count("key.fields") > 0;
  if (!upsert && key_fields && !context.options.count("key.format"))
    return option_error(context, "'key.fields' needs 'key.format' (csv or json)", "key.fields");
  if (!upsert && !key_fields && context.options.count("key.format"))
    return option_error(context, "'key.format' needs 'key.fields' (the columns of the key)",
                        "key.format");
  if (context.options.count("key.format") &&
      iequals(context.option("key.format", ""), "debezium-json"))
    return option_error(context, "'key.format' must be csv or json", "key.format");
  if (auto fields = kafka_fields(context); !fields) return fields.error();
  const std::string mode = to_lower(context.option("scan.startup.mode", "group-offsets"));
  std::vector<std::pair<int32_t, int64_t>> offsets;
  auto needs = [&](const std::string& option, const std::string& for_mode,
                   const std::string& mode_key, const std::string& value) -> Status {
    const bool given = context.options.count(option) > 0;
    if (value == for_mode && !given)
      return option_error(
          context, fmt::format("'{}' = '{}' needs '{}'", mode_key, for_mode, option), mode_key);
    if (given && value != for_mode)
      return option_error(
          context, fmt::format("'{}' applies only to '{}' = '{}'", option, mode_key, for_mode),
          option);
    return Status::ok();
  };
  const std::string bounded = to_lower(context.option("scan.bounded.mode", "unbounded"));
  for (const auto& [option, for_mode, mode_key, value] :
       std::vector<std::tuple<std::string, std::string, std::string, std::string>>{
           {"scan.startup.specific-offsets", "specific-offsets", "scan.startup.mode", mode},
           {"scan.startup.timestamp-millis", "timestamp", "scan.startup.mode", mode},
           {"scan.bounded.specific-offsets", "specific-offsets", "scan.bounded.mode", bounded},
           {"scan.bounded.timestamp-millis", "timestamp", "scan.bounded.mode", bounded}}) {
    if (Status s = needs(option, for_mode, mode_key, value); !s) return s;
  }
  for (const char* key : {"scan.startup.specific-offsets", "scan.bounded.specific-offsets"}) {
    if (context.options.count(key) && !parse_partition_offsets(context.option(key, ""), offsets))
      return option_error(context,
                          fmt::format("'{}' = '{}': expected 'partition:0,offset:42;partition:1,"
                                      "offset:300'",
                                      key, context.option(key, "")),
                          key);
  }
  // (The default startup mode is checked when a query reads the stream: a stream only written
  // needs no group.)
  const bool startup_group = context.options.count("scan.startup.mode") && mode == "group-offsets";
  if ((startup_group || bounded == "group-offsets") &&
      !context.options.count("properties.group.id"))
    return option_error(context,
                        "'group-offsets' needs 'properties.group.id' (the consumer group "
                        "whose committed offsets to use)",
                        startup_group ? "scan.startup.mode" : "scan.bounded.mode");
  if (iequals(context.option("sink.delivery-guarantee", ""), "exactly-once") &&
      !context.options.count("sink.transactional-id-prefix"))
    return option_error(context,
                        "'sink.delivery-guarantee' = 'exactly-once' needs "
                        "'sink.transactional-id-prefix' (the transactional.id of the "
                        "producer, kept across restarts)",
                        "sink.delivery-guarantee");
  if (!context.options.count("properties.bootstrap.servers"))
    return option_error(context, fmt::format("connector '{}' requires option "
                                             "'properties.bootstrap.servers' (host:port of the "
                                             "brokers)",
                                             upsert ? "upsert-kafka" : "kafka"));
  return Status::ok();
}

}  // namespace eddy
