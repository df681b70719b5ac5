// The kafka and upsert-kafka connectors as sinks: one librdkafka producer.
//
// kafka: every +I row is one message (csv, json, or with 'format' = 'debezium-json' every change
// as a Debezium event), keyed by 'key.fields' when given. upsert-kafka (Flink's semantics): the
// key is the PRIMARY KEY; +I and +U write the row, -D writes a tombstone (the key with no
// value), -U writes nothing.
//
// Delivery. 'none' and 'at-least-once' flush the producer at each checkpoint (and fail the query
// on a delivery error, so nothing is lost silently); messages written after the last checkpoint
// are written again on resume. 'exactly-once' writes into a Kafka transaction (transactional.id
// = 'sink.transactional-id-prefix' + "-" + the stream's name) that commits at each eddy
// checkpoint, just before the checkpoint is stored, so readers with isolation.level =
// read_committed see each result once:
//   - each transaction also commits, atomically with the messages, a consumer-group offset
//     (group = the transactional.id) that counts the messages this job has committed, with a
//     run id and the number of commits in its metadata;
//   - a resumed query's rollback() reads that count after fencing off the previous producer
//     (init_transactions aborts its open transaction): the messages committed past the
//     checkpoint (a crash between the commit and the checkpoint's write) are skipped when the
//     resumed query produces them again (its output is the same, DESIGN.md §2);
//   - a fresh start whose group shows a run that committed once and never finished (a crash
//     before its first checkpoint was stored) skips that run's messages the same way.
// Without checkpoints the transaction commits when the query ends. The topic should be written
// by this job alone.
//
// A broker that goes away. librdkafka queues what is written and sends it again once it has
// reconnected, so a flush or a transaction's commit waits for the broker, for
// 'properties.socket.timeout.ms' at most; then (or when a message is not delivered within
// 'properties.message.timeout.ms') the query fails. After a failed commit the sink writes no
// more (its transaction is lost): the query fails and is resumed from its checkpoint.
#include <chrono>
#include <cstdio>
#include <optional>
#include <random>

#include <fmt/format.h>

#include "connectors/factories.h"
#include "connectors/kafka_client.h"
#include "connectors/value_parse.h"
#include "runtime/failure.h"
#include "runtime/suggest.h"
#include "runtime/text_format.h"
#include "state/bytes.h"

namespace eddy {

namespace {

constexpr uint32_t kPositionMagic = 0x4b414653;  // "KAFS"

enum class Partitioner { Default, Fixed, RoundRobin };
enum class Guarantee { None, AtLeastOnce, ExactlyOnce };

// The exactly-once progress kept in the consumer group's offset metadata.
struct RunRecord {
  std::string run;        // hex id of the run that wrote it
  uint64_t commits = 0;   // transactions it committed
  bool finished = false;  // its query ended
  uint64_t messages = 0;  // the offset: messages committed so far
};

std::string encode_record(const RunRecord& r) {
  return fmt::format("eddy-run={};commits={};finished={}", r.run, r.commits, r.finished ? 1 : 0);
}

bool decode_record(std::string_view text, RunRecord& r) {
  if (text.rfind("eddy-run=", 0) != 0) return false;
  unsigned long long commits = 0;
  int finished = 0;
  char run[64] = {0};
  std::string copy(text);
  if (std::sscanf(copy.c_str(), "eddy-run=%63[^;];commits=%llu;finished=%d", run, &commits,
                  &finished) != 3)
    return false;
  r.run = run;
  r.commits = commits;
  r.finished = finished != 0;
  return true;
}

class KafkaSink final : public Sink {
 public:
  KafkaSink(const ConnectorContext& context, std::unique_ptr<KafkaClient> client, std::string topic,
            int32_t partitions, KafkaFields fields, std::string group)
      : client_(std::move(client)),
        topic_(std::move(topic)),
        partitions_(partitions),
        fields_(std::move(fields)),
        stream_(context.stream),
        upsert_(kafka_is_upsert(context)),
        value_format_(kafka_value_format(context)),
        key_format_(kafka_key_format(context)),
        group_(std::move(group)),
        timeout_ms_(kafka_request_timeout_ms(context)) {
    const std::string partitioner = to_lower(context.option("sink.partitioner", "default"));
    partitioner_ = partitioner == "fixed"         ? Partitioner::Fixed
                   : partitioner == "round-robin" ? Partitioner::RoundRobin
                                                  : Partitioner::Default;
    const std::string guarantee = to_lower(context.option("sink.delivery-guarantee", ""));
    guarantee_ = guarantee == "exactly-once" ? Guarantee::ExactlyOnce
                 : guarantee == "none"       ? Guarantee::None
                                             : Guarantee::AtLeastOnce;
    debezium_ = value_format_.format == TextFormatOptions::Format::DebeziumJson;
    for (size_t c = 0; c < context.schema.size(); ++c) {
      std::string key;
      append_json_string(key, context.schema[c].name);
      key += ':';
      json_keys_.push_back(std::move(key));
    }
    for (size_t c = 0; c < context.metadata.size(); ++c)
      if (context.metadata[c] == "timestamp") timestamp_column_ = int(c);
    rkt_ = rd_kafka_topic_new(client_->handle(), topic_.c_str(), nullptr);
  }

  ~KafkaSink() override {
    rd_kafka_t* rk = client_->handle();
    // A transaction still open (the query failed or was cancelled after its last commit) is
    // aborted now rather than left to hold back read_committed readers until it times out;
    // at-least-once messages still queued get a short while to go. Without a broker neither
    // can happen (the next producer with this transactional.id aborts the transaction).
    if (!lost_broker_) {
      if (in_transaction_) {
        if (rd_kafka_error_t* error = rd_kafka_abort_transaction(rk, 10000))
          rd_kafka_error_destroy(error);
      } else {
        rd_kafka_flush(rk, 5000);
      }
    }
    // Delivery reports of what is left are served while this object still exists.
    rd_kafka_purge(rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    rd_kafka_poll(rk, 0);
    if (rkt_) rd_kafka_topic_destroy(rkt_);
  }

  // Exactly-once: fences off any earlier producer with this transactional.id and reads the
  // group's record of what was committed.
  Status init(const ConnectorContext& context);

  static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void*) {
    if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR || !message->_private) return;
    auto* self = static_cast<KafkaSink*>(message->_private);
    if (!self->delivery_error_.empty()) return;
    self->delivery_error_ =
        // (not rd_kafka_message_errstr: a delivery report's payload is the message, whose
        // bytes end without a NUL)
        fmt::format("partition {}: {}", message->partition, rd_kafka_err2str(message->err));
  }

  void write(const Batch& batch) override;
  void flush() override {
    check_broken();
    finish_transaction(/*end=*/true);
  }
  SinkPosition commit() override;
  Status rollback(const SinkPosition& position) override;
  bool exactly_once() const override { return guarantee_ == Guarantee::ExactlyOnce; }
  std::string describe() const override {
    return fmt::format("{} topic {} ({}, {})", upsert_ ? "upsert-kafka" : "kafka", topic_,
                       format_label(value_format_),
                       guarantee_ == Guarantee::ExactlyOnce   ? "exactly-once"
                       : guarantee_ == Guarantee::AtLeastOnce ? "at-least-once"
                                                              : "no delivery guarantee");
  }

 private:
  void check_delivery();
  void check_broken() const {
    if (broken_) throw Failure(*broken_);
  }
  // Fails the query when a wait for the broker that began at `since` has lasted the timeout.
  void check_wait(std::chrono::steady_clock::time_point since, const char* what);
  void produce(const std::string* key, const std::string* value, int64_t timestamp);
  void encode(std::string& out, const Batch& batch, size_t row, const std::vector<int>& columns,
              const TextFormatOptions& format);
  void finish_transaction(bool end);
  [[noreturn]] void fail_transaction(const char* what, rd_kafka_error_t* error);
  // Runs call(timeout_ms), a transactional call, again after retriable errors (a broker away,
  // a coordinator moving: librdkafka allows that) for the timeout in all; fails the query
  // after that, or on another error.
  template <typename Call>
  void transact(const char* what, Call call);
  Result<RunRecord> read_record(const ConnectorContext* context);

  std::unique_ptr<KafkaClient> client_;
  std::unique_ptr<KafkaClient> group_reader_;  // exactly-once: reads the group's offsets
  rd_kafka_topic_t* rkt_ = nullptr;
  std::string topic_;
  int32_t partitions_;
  KafkaFields fields_;
  std::string stream_;
  bool upsert_;
  TextFormatOptions value_format_;
  TextFormatOptions key_format_;
  std::string group_;  // exactly-once: the transactional.id, also the progress record's group
  bool debezium_ = false;
  Partitioner partitioner_ = Partitioner::Default;
  Guarantee guarantee_ = Guarantee::AtLeastOnce;
  std::vector<std::string> json_keys_;
  std::string key_, value_;  // reused buffers
  uint64_t round_robin_ = 0;
  int timestamp_column_ = -1;  // a METADATA FROM 'timestamp' column: the message's timestamp
  std::string delivery_error_;
  int timeout_ms_;               // how long a flush or a commit may wait for the broker
  bool lost_broker_ = false;     // one waited in vain: the destructor does not wait again
  std::optional<Error> broken_;  // a transaction failed: nothing more is written

  // Exactly-once. Committed so far: messages_ + skip_.
  bool in_transaction_ = false;
  RunRecord record_;       // what the next commit records
  uint64_t messages_ = 0;  // messages of this job so far (the skipped ones included)
  uint64_t skip_ = 0;      // messages still to skip: committed by an earlier attempt
};

void KafkaSink::check_delivery() {
  check_broken();
  rd_kafka_poll(client_->handle(), 0);
  if (delivery_error_.empty()) return;
  fail(Error::Kind::Runtime, "stream '{}': topic '{}' {} (delivery failed)", stream_, topic_,
       delivery_error_);
}

void KafkaSink::check_wait(std::chrono::steady_clock::time_point since, const char* what) {
  if (std::chrono::steady_clock::now() - since < std::chrono::milliseconds(timeout_ms_)) return;
  lost_broker_ = true;
  const std::string why = client_->last_error();
  Error error{Error::Kind::Runtime,
              fmt::format("stream '{}': topic '{}': cannot {} within {} ms (the limit is "
                          "'properties.socket.timeout.ms'){}{}",
                          stream_, topic_, what, timeout_ms_, why.empty() ? "" : ": ", why)};
  if (guarantee_ == Guarantee::ExactlyOnce) broken_ = error;
  throw Failure(std::move(error));
}

void KafkaSink::encode(std::string& out, const Batch& batch, size_t row,
                       const std::vector<int>& columns, const TextFormatOptions& format) {
  out.clear();
  if (format.format == TextFormatOptions::Format::Csv) {
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) out += format.delimiter;
      append_csv_value(out, batch.columns[columns[i]], row, format.delimiter, format.quote,
                       format.null_literal.value_or(""));
    }
    return;
  }
  auto object = [&] {
    out += '{';
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) out += ',';
      out += json_keys_[columns[i]];
      append_json_value(out, batch.columns[columns[i]], row);
    }
    out += '}';
  };
  if (format.format == TextFormatOptions::Format::DebeziumJson) {
    const RowKind kind = batch.kind(row);
    const bool added = kind == RowKind::Insert || kind == RowKind::UpdateAfter;
    out += added ? "{\"before\":null,\"after\":" : "{\"before\":";
    object();
    out += added ? ",\"op\":\"c\"}" : ",\"after\":null,\"op\":\"d\"}";
    return;
  }
  object();
}

void KafkaSink::write(const Batch& batch) {
  check_delivery();
  for (size_t row = 0; row < batch.size(); ++row) {
    const RowKind kind = batch.kind(row);
    bool tombstone = false;
    if (upsert_) {
      if (kind == RowKind::UpdateBefore) continue;  // the +U that follows replaces it
      tombstone = kind == RowKind::Delete;
    } else if (kind != RowKind::Insert && !debezium_) {
      fail(Error::Kind::Runtime,
           "kafka sink '{}' (topic '{}') received an update ({}) but writes inserts only; use "
           "'connector' = 'upsert-kafka' (with a PRIMARY KEY) or 'format' = 'debezium-json'",
           stream_, topic_, row_kind_symbol(kind));
    }
    ++messages_;
    if (skip_ > 0) {  // committed before the crash this run resumes from
      --skip_;
      continue;
    }
    const bool keyed = !fields_.key.empty();
    if (keyed) encode(key_, batch, row, fields_.key, key_format_);
    if (!tombstone) encode(value_, batch, row, fields_.value, value_format_);
    int64_t timestamp = 0;  // 0: the producer's clock
    if (timestamp_column_ >= 0 && !batch.columns[timestamp_column_].is_null(row))
      timestamp = batch.columns[timestamp_column_].ints[row];
    produce(keyed ? &key_ : nullptr, tombstone ? nullptr : &value_, timestamp);
  }
  check_delivery();
}

void KafkaSink::produce(const std::string* key, const std::string* value, int64_t timestamp) {
  if (guarantee_ == Guarantee::ExactlyOnce && !in_transaction_) {
    if (rd_kafka_error_t* error = rd_kafka_begin_transaction(client_->handle()))
      fail_transaction("begin a transaction", error);
    in_transaction_ = true;
  }
  int32_t partition = RD_KAFKA_PARTITION_UA;
  if (partitioner_ == Partitioner::Fixed) partition = 0;
  if (partitioner_ == Partitioner::RoundRobin) partition = int32_t(round_robin_++ % partitions_);
  std::chrono::steady_clock::time_point full_since{};  // when the queue was first found full
  for (;;) {
    const rd_kafka_resp_err_t err =
        rd_kafka_producev(client_->handle(), RD_KAFKA_V_RKT(rkt_), RD_KAFKA_V_PARTITION(partition),
                          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                          RD_KAFKA_V_VALUE(value ? const_cast<char*>(value->data()) : nullptr,
                                           value ? value->size() : 0),
                          RD_KAFKA_V_KEY(key ? key->data() : nullptr, key ? key->size() : 0),
                          RD_KAFKA_V_TIMESTAMP(timestamp), RD_KAFKA_V_OPAQUE(this), RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return;
    if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      if (full_since == std::chrono::steady_clock::time_point{})
        full_since = std::chrono::steady_clock::now();
      rd_kafka_poll(client_->handle(), 100);  // let deliveries make room
      check_delivery();
      check_wait(full_since, "write (the producer's queue stays full)");
      continue;
    }
    fail(Error::Kind::Runtime, "stream '{}': cannot write to topic '{}': {}", stream_, topic_,
         rd_kafka_err2str(err));
  }
}

void KafkaSink::fail_transaction(const char* what, rd_kafka_error_t* error) {
  const std::string message = rd_kafka_error_string(error);
  const bool abortable = rd_kafka_error_txn_requires_abort(error);
  rd_kafka_error_destroy(error);
  if (abortable && in_transaction_ && !lost_broker_) {
    rd_kafka_error_t* abort = rd_kafka_abort_transaction(client_->handle(), timeout_ms_);
    if (!abort) in_transaction_ = false;
    if (abort) rd_kafka_error_destroy(abort);
  }
  broken_ = Error{Error::Kind::Runtime,
                  lost_broker_ ? fmt::format("stream '{}': topic '{}': cannot {} within {} ms (the "
                                             "limit is 'properties.socket.timeout.ms'): {}",
                                             stream_, topic_, what, timeout_ms_, message)
                               : fmt::format("stream '{}': topic '{}': cannot {}: {}", stream_,
                                             topic_, what, message)};
  throw Failure(*broken_);
}

template <typename Call>
void KafkaSink::transact(const char* what, Call call) {
  const auto since = std::chrono::steady_clock::now();
  for (;;) {
    const int64_t waited = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now() - since)
                               .count();
    rd_kafka_error_t* error = call(int(std::max<int64_t>(timeout_ms_ - waited, 1)));
    if (!error) return;
    const bool retriable =
        rd_kafka_error_is_retriable(error) && !rd_kafka_error_txn_requires_abort(error);
    const bool in_time =
        std::chrono::steady_clock::now() - since < std::chrono::milliseconds(timeout_ms_);
    if (retriable && in_time) {
      rd_kafka_error_destroy(error);
      rd_kafka_poll(client_->handle(), 100);  // a pause before the next try
      continue;
    }
    // The broker stayed away: do not wait for it again (the next producer with this
    // transactional.id aborts the transaction).
    if (retriable) lost_broker_ = true;
    fail_transaction(what, error);
  }
}

// Commits what was written (exactly-once: the open transaction, with the group's record; `end`:
// the query has ended, so a later fresh start must not take this run for a crashed attempt).
void KafkaSink::finish_transaction(bool end) {
  if (guarantee_ != Guarantee::ExactlyOnce) {
    const auto since = std::chrono::steady_clock::now();
    // Until every message is delivered, or one fails, or the broker stays away too long.
    while (rd_kafka_flush(client_->handle(), 200) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      check_delivery();
      check_wait(since, "deliver the messages");
    }
    check_delivery();
    return;
  }
  if (!in_transaction_ && !(end && !record_.finished)) return;
  if (!in_transaction_) {
    if (rd_kafka_error_t* error = rd_kafka_begin_transaction(client_->handle()))
      fail_transaction("begin a transaction", error);
    in_transaction_ = true;
  }
  RunRecord next = record_;
  next.commits += 1;
  next.finished = end;
  next.messages = messages_ + skip_;
  const std::string metadata = encode_record(next);
  rd_kafka_topic_partition_list_t* offsets = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_t* entry = rd_kafka_topic_partition_list_add(offsets, topic_.c_str(), 0);
  entry->offset = int64_t(next.messages);
  entry->metadata = const_cast<char*>(metadata.data());
  entry->metadata_size = metadata.size();
  rd_kafka_consumer_group_metadata_t* group = rd_kafka_consumer_group_metadata_new(group_.c_str());
  auto release = [&] {
    entry->metadata = nullptr;  // not the list's to free
    entry->metadata_size = 0;
    rd_kafka_topic_partition_list_destroy(offsets);
    rd_kafka_consumer_group_metadata_destroy(group);
  };
  try {
    transact("record the transaction's progress", [&](int timeout_ms) {
      return rd_kafka_send_offsets_to_transaction(client_->handle(), offsets, group, timeout_ms);
    });
  } catch (const Failure&) {
    release();
    throw;
  }
  release();
  transact("commit the transaction", [&](int timeout_ms) {
    return rd_kafka_commit_transaction(client_->handle(), timeout_ms);
  });
  in_transaction_ = false;
  check_delivery();
  record_ = next;
}

SinkPosition KafkaSink::commit() {
  check_broken();
  finish_transaction(/*end=*/false);
  SinkPosition position;
  position.rows = messages_;
  bytes::put(position.state, kPositionMagic);
  bytes::put_string(position.state, record_.run);
  bytes::put<uint64_t>(position.state, record_.commits);
  return position;
}

Result<RunRecord> KafkaSink::read_record(const ConnectorContext* context) {
  RunRecord record;
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(list, topic_.c_str(), 0)->offset = RD_KAFKA_OFFSET_INVALID;
  const int timeout = context ? kafka_request_timeout_ms(*context) : 60000;
  rd_kafka_resp_err_t err = rd_kafka_committed(group_reader_->handle(), list, timeout);
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR) err = list->elems[0].err;
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR && list->elems[0].offset >= 0 &&
      decode_record(std::string_view(static_cast<const char*>(list->elems[0].metadata),
                                     list->elems[0].metadata ? list->elems[0].metadata_size : 0),
                    record))
    record.messages = uint64_t(list->elems[0].offset);
  rd_kafka_topic_partition_list_destroy(list);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    return Error{Error::Kind::Runtime,
                 fmt::format("stream '{}': topic '{}': cannot read the committed progress of "
                             "transactional id '{}': {}",
                             stream_, topic_, group_, rd_kafka_err2str(err))};
  return record;
}

Status KafkaSink::init(const ConnectorContext& context) {
  if (guarantee_ != Guarantee::ExactlyOnce) return Status::ok();
  if (rd_kafka_error_t* error =
          rd_kafka_init_transactions(client_->handle(), kafka_request_timeout_ms(context))) {
    std::string message = rd_kafka_error_string(error);
    rd_kafka_error_destroy(error);
    return Error{Error::Kind::Runtime,
                 fmt::format("stream '{}': topic '{}': cannot start the transactional producer "
                             "'{}': {}",
                             stream_, topic_, group_, message)};
  }
  auto reader = make_kafka_client(context, RD_KAFKA_CONSUMER,
                                  {{"client.id", "eddy"},
                                   {"group.id", group_},
                                   {"enable.auto.commit", "false"},
                                   {"isolation.level", "read_committed"}});
  if (!reader) return reader.error();
  group_reader_ = std::move(reader.value());
  auto found = read_record(&context);
  if (!found) return found.error();
  // A new run id; but a run that committed once and never finished crashed before its first
  // checkpoint was stored: its messages are this fresh run's first ones.
  std::random_device random;
  record_ = RunRecord{fmt::format("{:08x}{:08x}", random(), random()), 0, false, 0};
  if (!context.resume && !found.value().run.empty() && found.value().commits == 1 &&
      !found.value().finished) {
    record_ = found.value();
    skip_ = found.value().messages;
  }
  return Status::ok();
}

Status KafkaSink::rollback(const SinkPosition& position) {
  if (guarantee_ != Guarantee::ExactlyOnce) return Status::ok();  // written again: at-least-once
  std::string_view in = position.state;
  uint32_t magic = 0;
  std::string_view run;
  uint64_t commits = 0;
  if (!bytes::get(in, magic) || magic != kPositionMagic || !bytes::get_string(in, run) ||
      !bytes::get(in, commits) || !in.empty())
    return Error{
        Error::Kind::Runtime,
        fmt::format("stream '{}': the checkpointed Kafka sink position is malformed", stream_)};
  auto found = read_record(nullptr);
  if (!found) return found.error();
  record_ = RunRecord{std::string(run), commits, false, position.rows};
  messages_ = position.rows;
  skip_ = 0;
  if (found.value().run == run && found.value().messages >= position.rows) {
    // Committed after the checkpoint was taken, before it was stored: skip them this time.
    record_ = found.value();
    record_.finished = false;
    skip_ = found.value().messages - position.rows;
  }
  return Status::ok();
}

}  // namespace

Result<std::unique_ptr<Sink>> open_kafka_sink(const ConnectorContext& context) {
  auto fields = kafka_fields(context);
  if (!fields) return fields.error();
  const std::vector<std::string> topics = kafka_topics(context);
  if (topics.size() != 1)
    return option_error(context, "a Kafka sink writes one topic: give one in 'topic'", "topic");
  const bool exactly_once = iequals(context.option("sink.delivery-guarantee", ""), "exactly-once");
  const std::string transactional_id =
      context.option("sink.transactional-id-prefix", "") + "-" + context.stream;
  std::vector<std::pair<std::string, std::string>> defaults = {
      {"client.id", "eddy"}, {"partitioner", "murmur2_random"}, {"linger.ms", "5"}};
  if (exactly_once) {
    defaults.emplace_back("transactional.id", transactional_id);
    defaults.emplace_back("transaction.timeout.ms", "600000");
  }
  auto client = make_kafka_client(context, RD_KAFKA_PRODUCER, defaults, &KafkaSink::on_delivery);
  if (!client) return client.error();
  auto listed = client.value()->partitions(topics, kafka_request_timeout_ms(context));
  if (!listed) {
    Error e = listed.error();
    if (!context.stream.empty())
      e.message = fmt::format("stream '{}': {}", context.stream, e.message);
    return e;
  }
  auto sink = std::make_unique<KafkaSink>(context, std::move(client.value()), topics[0],
                                          int32_t(listed.value().size()), std::move(fields.value()),
                                          transactional_id);
  if (Status s = sink->init(context); !s) return s.error();
  return std::unique_ptr<Sink>(std::move(sink));
}

}  // namespace eddy
