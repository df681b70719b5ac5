// The kafka connector as a source: one librdkafka consumer with every partition of the topic(s)
// assigned to it (no consumer-group rebalancing: eddy is one reader), each partition read from
// its own queue.
//
// Order. Partitions are merged one message at a time in partition order (0, 1, 2, 0, 1, ...),
// so what the query sees is a function of what each partition holds, not of when the fetches
// came back: a partition that still has messages the broker held when the query began (or
// before its 'scan.bounded.mode' end) is waited for; one that has caught up is passed over
// until more arrives.
//
// Watermarks (Flink's per-partition watermarks). Each partition keeps the highest value of the
// stream's WATERMARK expression over its own rows; the stream's watermark is the minimum over the
// partitions that are still being read and not idle (quiet for 'source.idle-timeout'). Each row
// carries the watermark in force before it (Batch::arrival_watermark), so an out-of-order
// partition does not make another partition's rows late.
//
// Checkpoints. The position holds every partition's next offset, watermark and whether it has
// ended, and the merge's turn; seek() continues from there (the offsets in eddy's checkpoint,
// not the consumer group's, decide). With 'properties.group.id' the offsets are also committed
// to the group at each checkpoint, as Flink does.
//
// A broker that goes away. librdkafka reconnects and fetches again from where it was; errors it
// reports meanwhile on a partition (a leader being elected, a request timed out) are transient
// and passed over. Once the source has nothing left to hand over and no broker connection has
// been up for 'properties.socket.timeout.ms', the query fails, naming the partition and offset
// it was waiting for; a resumed query continues from its checkpoint.
#include <algorithm>
#include <cstring>
#include <deque>

#include <fmt/format.h>
#include <simdjson.h>

#include "connectors/factories.h"
#include "connectors/kafka_client.h"
#include "connectors/value_parse.h"
#include "runtime/failure.h"
#include "runtime/suggest.h"
#include "state/bytes.h"

namespace eddy {

namespace {

constexpr uint32_t kPositionMagic = 0x4b414631;  // "KAF1"
constexpr int kPollTimeoutMs = 50;
constexpr size_t kFetchBatch = 512;  // messages taken from a partition queue at once

struct Partition {
  std::string topic;
  int32_t id = 0;
  rd_kafka_queue_t* queue = nullptr;
  int64_t next_offset = 0;  // where reading continues
  int64_t end_offset = -1;  // bounded: the partition ends here; -1: never
  int64_t wait_until = 0;   // offsets below this were in the topic at the start: wait for them
  bool done = false;
  Timestamp watermark = kMinTimestamp;  // highest WATERMARK value of its rows
  Timestamp quiet_since = kMinTimestamp;
  std::deque<rd_kafka_message_t*> buffered;
};

class KafkaSource final : public Source {
 public:
  KafkaSource(const ConnectorContext& context, std::unique_ptr<KafkaClient> client,
              std::vector<Partition> partitions, KafkaFields fields, std::string description)
      : client_(std::move(client)),
        partitions_(std::move(partitions)),
        fields_(std::move(fields)),
        description_(std::move(description)),
        stream_(context.stream),
        group_(context.option("properties.group.id", "")),
        cancel_(context.cancel),
        wait_(context.wait),
        clock_(context.clock),
        candidates_fn_(context.watermark_candidates),
        idle_timeout_ms_(context.idle_timeout_ms),
        timeout_ms_(kafka_request_timeout_ms(context)),
        schema_(context.schema),
        metadata_(metadata_columns(context.metadata)) {
    const TextFormatOptions value_format = kafka_value_format(context);
    ignore_errors_ = value_format.ignore_parse_errors;
    direct_ = fields_.value.size() == schema_.size();  // the key's columns are in the value
    Schema value_schema, key_schema;
    for (int c : fields_.value) value_schema.fields.push_back(schema_[c]);
    for (int c : fields_.key)
      if (std::find(fields_.value.begin(), fields_.value.end(), c) == fields_.value.end())
        key_schema.fields.push_back(schema_[c]);
    value_decoder_ = make_decoder(direct_ ? schema_ : value_schema, "value", value_format);
    validate_utf8_ = value_format.format == TextFormatOptions::Format::Csv;
    if (!direct_) value_rows_ = Batch::with_schema(value_schema);
    for (int c : fields_.key)
      if (std::find(fields_.value.begin(), fields_.value.end(), c) == fields_.value.end())
        key_only_.push_back(c);
    if (!key_only_.empty()) {
      key_decoder_ = make_decoder(key_schema, "key", kafka_key_format(context));
      key_rows_ = Batch::with_schema(key_schema);
    }
  }

  ~KafkaSource() override {
    for (Partition& p : partitions_) {
      for (rd_kafka_message_t* m : p.buffered) rd_kafka_message_destroy(m);
      if (p.queue) rd_kafka_queue_destroy(p.queue);
    }
    if (assigned_) rd_kafka_assign(client_->handle(), nullptr);
  }

  SourceStatus next(Batch& out, size_t max_rows) override;
  uint64_t skipped() const override { return skipped_; }
  std::string row_origin(size_t row) const override {
    if (row >= origins_.size()) return {};
    const Partition& p = partitions_[origins_[row].first];
    return fmt::format("topic '{}' partition {} offset {}", p.topic, p.id, origins_[row].second);
  }
  std::string describe() const override { return description_; }
  Timestamp watermark() const override { return reported_; }
  bool row_watermarks() const override { return bool(candidates_fn_); }
  std::optional<SourcePosition> position() const override;
  Status seek(const SourcePosition& position) override;

 private:
  void assign();
  bool must_wait(const Partition& p) const {
    return !p.done &&
           (p.next_offset < p.wait_until || (p.end_offset >= 0 && p.next_offset < p.end_offset));
  }
  void fetch(Partition& p, int timeout_ms);
  // Handles one message of partition `index`: rows appended to `out`, or nothing (an end of
  // partition, a tombstone). False when it was no record of the partition (an end-of-partition
  // event, or past its bounded end): the merge's turn stays. Throws Failure for a malformed one.
  bool take(size_t index, rd_kafka_message_t* message, Batch& out);
  void decode_into(RecordDecoder& decoder, const void* payload, size_t length, Batch& rows,
                   const Partition& p, int64_t offset, const char* part);
  void stamp_watermarks(Batch& out, size_t first);
  Timestamp low_watermark(Timestamp now) const;
  void check_broker();
  bool cancelled() const { return cancel_ && cancel_->load(std::memory_order_relaxed); }
  Timestamp now() const { return clock_ ? clock_->now() : 0; }
  int block_ms() const {
    return int(wait_ ? std::min<int64_t>(kPollTimeoutMs, wait_->max_block_ms) : kPollTimeoutMs);
  }

  std::unique_ptr<KafkaClient> client_;
  std::vector<Partition> partitions_;
  KafkaFields fields_;
  std::string description_;
  std::string stream_;
  std::string group_;
  const std::atomic<bool>* cancel_;
  const SourceWait* wait_;
  const Clock* clock_;
  std::function<void(const Batch&, Column&)> candidates_fn_;
  int64_t idle_timeout_ms_;
  int timeout_ms_;  // how long the source waits without a broker
  Schema schema_;
  // The metadata columns, resolved once (not compared as strings for every row).
  enum class Metadata : uint8_t { Partition, Offset, Topic, Timestamp };
  std::vector<std::pair<int, Metadata>> metadata_;
  static std::vector<std::pair<int, Metadata>> metadata_columns(
      const std::vector<std::string>& keys) {
    std::vector<std::pair<int, Metadata>> columns;
    for (size_t c = 0; c < keys.size(); ++c) {
      if (keys[c].empty()) continue;
      columns.emplace_back(int(c), keys[c] == "partition" ? Metadata::Partition
                                   : keys[c] == "offset"  ? Metadata::Offset
                                   : keys[c] == "topic"   ? Metadata::Topic
                                                          : Metadata::Timestamp);
    }
    return columns;
  }
  bool ignore_errors_ = false;
  bool validate_utf8_ = false;
  bool direct_ = true;  // the value holds every column in order: decode straight into the batch
  std::unique_ptr<RecordDecoder> value_decoder_;
  std::unique_ptr<RecordDecoder> key_decoder_;
  Batch value_rows_, key_rows_;
  std::shared_ptr<Arena> payloads_;  // message bytes the strings of the current batch point into
  std::vector<std::string_view> topic_names_;  // per partition: its topic's name in payloads_

  bool assigned_ = false;
  size_t turn_ = 0;  // the partition whose message goes next
  uint64_t skipped_ = 0;
  Timestamp current_ = kMinTimestamp;                // the watermark after the rows returned so far
  Timestamp reported_ = kMinTimestamp;               // the one before the last batch's rows
  std::vector<std::pair<size_t, int64_t>> origins_;  // per row of the batch: partition, offset
  std::vector<size_t> row_partition_;
  Column candidates_;
  std::optional<Error> deferred_error_;
  int64_t taking_offset_ = 0;  // the offset of the message take() is decoding
  std::vector<int> key_only_;  // key columns the value does not hold (value.fields-include)
};

void KafkaSource::assign() {
  // Each partition's queue is taken off the consumer's common queue before fetching starts, so
  // none of its messages can land elsewhere.
  for (Partition& p : partitions_) {
    if (p.done) continue;
    p.queue = rd_kafka_queue_get_partition(client_->handle(), p.topic.c_str(), p.id);
    if (p.queue) rd_kafka_queue_forward(p.queue, nullptr);
  }
  rd_kafka_topic_partition_list_t* list =
      rd_kafka_topic_partition_list_new(int(partitions_.size()));
  for (const Partition& p : partitions_) {
    if (p.done) continue;
    rd_kafka_topic_partition_list_add(list, p.topic.c_str(), p.id)->offset = p.next_offset;
  }
  rd_kafka_resp_err_t err = rd_kafka_assign(client_->handle(), list);
  rd_kafka_topic_partition_list_destroy(list);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    fail(Error::Kind::Runtime, "stream '{}': cannot assign the topic's partitions: {}", stream_,
         rd_kafka_err2str(err));
  const Timestamp t = now();
  for (Partition& p : partitions_) {
    p.quiet_since = t;
    if (p.done || p.queue) continue;
    p.queue = rd_kafka_queue_get_partition(client_->handle(), p.topic.c_str(), p.id);
    if (!p.queue)
      fail(Error::Kind::Runtime, "stream '{}': topic '{}' partition {} has no queue", stream_,
           p.topic, p.id);
    rd_kafka_queue_forward(p.queue, nullptr);  // keep its messages in its own queue
  }
  assigned_ = true;
}

void KafkaSource::fetch(Partition& p, int timeout_ms) {
  rd_kafka_message_t* messages[kFetchBatch];
  const ssize_t n = rd_kafka_consume_batch_queue(p.queue, timeout_ms, messages, kFetchBatch);
  for (ssize_t i = 0; i < n; ++i) p.buffered.push_back(messages[i]);
}

SourceStatus KafkaSource::next(Batch& out, size_t max_rows) {
  if (deferred_error_) {
    Error e = std::move(*deferred_error_);
    deferred_error_.reset();
    throw Failure(std::move(e));
  }
  if (!assigned_) assign();
  reported_ = current_;
  const size_t first = out.rows;
  origins_.assign(first, {0, -1});
  row_partition_.assign(first, 0);
  payloads_ = std::make_shared<Arena>(1 << 20);
  topic_names_.assign(partitions_.size(), {});
  for (Column& c : out.columns)
    if (c.type.id == TypeId::String) c.arenas.push_back(payloads_);
  rd_kafka_poll(client_->handle(), 0);  // serve error callbacks
  bool blocked = false;
  size_t passed = 0;  // partitions passed over in a row (caught up)
  while (out.rows - first < max_rows && !cancelled()) {
    if (std::all_of(partitions_.begin(), partitions_.end(),
                    [](const Partition& p) { return p.done; }))
      break;
    Partition& p = partitions_[turn_];
    if (p.done) {
      ++passed;
      turn_ = (turn_ + 1) % partitions_.size();
      continue;
    }
    if (p.buffered.empty()) fetch(p, 0);
    if (p.buffered.empty()) {
      if (!must_wait(p)) {
        if (p.quiet_since == kMinTimestamp) p.quiet_since = now();
        if (++passed >= partitions_.size()) {
          // Every partition has caught up or ended: wait a little for news here (not a busy
          // loop), then hand over what there is.
          if (out.rows > first || blocked) break;
          blocked = true;
          passed = 0;
          fetch(p, block_ms());
          continue;
        }
        turn_ = (turn_ + 1) % partitions_.size();
        continue;
      }
      // Its turn, and it has messages still to come: wait for them (briefly, once per call),
      // but hand over the rows already taken first.
      if (out.rows > first || blocked) break;
      blocked = true;
      fetch(p, block_ms());
      continue;
    }
    passed = 0;
    rd_kafka_message_t* message = p.buffered.front();
    p.buffered.pop_front();
    const size_t rows_before = out.rows;
    bool record = false;
    try {
      record = take(turn_, message, out);
    } catch (const Failure& failure) {
      rd_kafka_message_destroy(message);
      out.rows = rows_before;
      for (Column& c : out.columns) truncate_column(c, out.rows);
      if (out.kinds.size() > out.rows) out.kinds.resize(out.rows);
      origins_.resize(out.rows);
      row_partition_.resize(out.rows);
      if (ignore_errors_ && failure.error().kind == Error::Kind::Data) {
        ++skipped_;
        p.next_offset = std::max(p.next_offset, taking_offset_ + 1);
        turn_ = (turn_ + 1) % partitions_.size();
        continue;
      }
      if (out.rows == first) {
        stamp_watermarks(out, first);
        throw;
      }
      deferred_error_ = failure.error();
      break;
    }
    rd_kafka_message_destroy(message);
    if (record) turn_ = (turn_ + 1) % partitions_.size();
  }
  stamp_watermarks(out, first);
  if (out.rows > first) return SourceStatus::Data;
  if (std::all_of(partitions_.begin(), partitions_.end(),
                  [](const Partition& p) { return p.done; }))
    return SourceStatus::End;
  check_broker();
  return SourceStatus::Idle;
}

// Called with nothing to hand over: fails the query once no broker has been reachable for the
// timeout, naming the partition whose turn it is and the offset it waits for.
void KafkaSource::check_broker() {
  if (client_->unreachable_ms({}) < timeout_ms_) return;
  size_t index = turn_;
  while (partitions_[index].done) index = (index + 1) % partitions_.size();
  const Partition& p = partitions_[index];
  fail(Error::Kind::Runtime, "stream '{}': topic '{}' partition {} offset {}: {}", stream_, p.topic,
       p.id, p.next_offset, client_->unreachable_error(timeout_ms_));
}

bool KafkaSource::take(size_t index, rd_kafka_message_t* message, Batch& out) {
  Partition& p = partitions_[index];
  if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
    // The partition's end as the broker knows it (for read_committed, its last stable offset):
    // what follows is new, so it is not waited for.
    p.next_offset = std::max(p.next_offset, message->offset);
    p.wait_until = std::min(p.wait_until, p.next_offset);
    if (p.end_offset >= 0 && p.next_offset >= p.end_offset) p.done = true;
    return false;
  }
  if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    // librdkafka fetches again by itself after a transient error: nothing was skipped.
    if (kafka_error_is_transient(message->err)) return false;
    fail(Error::Kind::Runtime, "stream '{}': topic '{}' partition {} offset {}: {}", stream_,
         p.topic, p.id, p.next_offset, rd_kafka_message_errstr(message));
  }
  const int64_t offset = message->offset;
  if (p.end_offset >= 0 && offset >= p.end_offset) {
    p.done = true;
    return false;
  }
  taking_offset_ = offset;
  if (message->payload) {  // a message without a value (a tombstone) has no row
    if (direct_) {
      decode_into(*value_decoder_, message->payload, message->len, out, p, offset, "value");
    } else {
      value_rows_.clear();
      decode_into(*value_decoder_, message->payload, message->len, value_rows_, p, offset, "value");
      key_rows_.clear();
      if (!key_only_.empty() && message->key)
        decode_into(*key_decoder_, message->key, message->key_len, key_rows_, p, offset, "key");
      for (size_t r = 0; r < value_rows_.rows; ++r) {
        for (size_t i = 0; i < fields_.value.size(); ++i)
          out.columns[fields_.value[i]].append_from(value_rows_.columns[i], r);
        for (size_t j = 0; j < key_only_.size(); ++j) {
          Column& column = out.columns[key_only_[j]];
          if (key_rows_.rows > 0)
            column.append_from(key_rows_.columns[j], 0);
          else
            column.append_null();
        }
        for (const auto& [c, kind] : metadata_) {
          Column& column = out.columns[c];
          switch (kind) {
            case Metadata::Partition:
              column.append_int(p.id);
              break;
            case Metadata::Offset:
              column.append_int(offset);
              break;
            case Metadata::Topic: {
              // The name is stored once per batch (and partition), not copied for every row.
              std::string_view& name = topic_names_[index];
              if (name.empty()) name = payloads_->store(p.topic);
              column.strings.push_back(name);
              if (!column.nulls.empty()) column.nulls.push_back(0);
              break;
            }
            case Metadata::Timestamp: {
              rd_kafka_timestamp_type_t type;
              const int64_t at = rd_kafka_message_timestamp(message, &type);
              if (type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE || at < 0)
                column.append_null();
              else
                column.append_int(at);
            }
          }
        }
        if (!value_rows_.kinds.empty()) {
          out.kinds.resize(out.rows, RowKind::Insert);
          out.kinds.push_back(value_rows_.kinds[r]);
        }
        ++out.rows;
      }
    }
  }
  p.next_offset = offset + 1;
  if (p.end_offset >= 0 && p.next_offset >= p.end_offset) p.done = true;
  p.quiet_since = kMinTimestamp;
  while (origins_.size() < out.rows) {
    origins_.emplace_back(index, offset);
    row_partition_.push_back(index);
  }
  return true;
}

void KafkaSource::decode_into(RecordDecoder& decoder, const void* payload, size_t length,
                              Batch& rows, const Partition& p, int64_t offset, const char* part) {
  const char* bytes = static_cast<const char*>(payload);
  if (validate_utf8_ && !simdjson::validate_utf8(bytes, length))
    fail(Error::Kind::Data,
         "stream '{}': topic '{}' partition {} offset {}: the {} is not valid "
         "UTF-8",
         stream_, p.topic, p.id, offset, part);
  // The decoders read a little past the end (padding) and csv strings point into the bytes, so
  // they are copied into the arena the batch's string columns keep alive.
  char* data = payloads_->allocate(length + RecordDecoder::kPadding);
  std::memcpy(data, bytes, length);
  std::memset(data + length, ' ', RecordDecoder::kPadding);
  const char* pos = data;
  const char* end = data + length;
  try {
    while (pos < end) {
      if (decoder.decode(pos, end, true, rows) == RecordDecoder::Step::NeedMore)
        fail(Error::Kind::Data, "incomplete record");
    }
  } catch (const Failure& failure) {
    // The decoder says "value:LINE: what"; the message's place says more.
    std::string what = failure.error().message;
    const std::string prefix = std::string(part) + ":";
    if (what.rfind(prefix, 0) == 0) {
      const size_t colon = what.find(": ");
      if (colon != std::string::npos) what = what.substr(colon + 2);
    }
    fail(failure.error().kind, "stream '{}': topic '{}' partition {} offset {}: malformed {}: {}",
         stream_, p.topic, p.id, offset, part, what);
  }
}

bool partition_idle(const Partition& p, Timestamp now, int64_t idle_timeout_ms, bool waits) {
  return idle_timeout_ms > 0 && p.buffered.empty() && !waits && p.quiet_since != kMinTimestamp &&
         now - p.quiet_since >= idle_timeout_ms;
}

// The minimum over the partitions that hold the watermark back: not those that ended without a
// row, nor idle ones. When every partition is idle, the partitions that have had rows decide (so
// the result does not depend on which went quiet first).
Timestamp KafkaSource::low_watermark(Timestamp now) const {
  Timestamp low = kMaxTimestamp, low_with_rows = kMaxTimestamp;
  bool any = false;
  for (const Partition& p : partitions_) {
    if (p.done && p.watermark == kMinTimestamp) continue;  // ended without a row
    if (p.watermark != kMinTimestamp) low_with_rows = std::min(low_with_rows, p.watermark);
    if (partition_idle(p, now, idle_timeout_ms_, must_wait(p))) continue;
    low = std::min(low, p.watermark);
    any = true;
  }
  if (any) return low;
  return low_with_rows == kMaxTimestamp ? kMinTimestamp : low_with_rows;
}

void KafkaSource::stamp_watermarks(Batch& out, size_t first) {
  if (!candidates_fn_) return;
  const Timestamp t = now();
  if (out.rows > first) {
    candidates_fn_(out, candidates_);
    out.arrival_watermark.resize(first, kMinTimestamp);
    out.arrival_watermark.resize(out.rows);
    for (size_t r = first; r < out.rows; ++r) {
      out.arrival_watermark[r] = current_;
      Partition& p = partitions_[row_partition_[r]];
      if (!candidates_.is_null(r)) p.watermark = std::max(p.watermark, candidates_.ints[r]);
      current_ = std::max(current_, low_watermark(t));
    }
  } else {
    current_ = std::max(current_, low_watermark(t));
    reported_ = current_;  // no rows: the watermark holds now
  }
}

std::optional<SourcePosition> KafkaSource::position() const {
  SourcePosition position;
  bytes::put(position.state, kPositionMagic);
  bytes::put<uint64_t>(position.state, turn_);
  bytes::put<uint64_t>(position.state, skipped_);
  bytes::put<int64_t>(position.state, current_);
  bytes::put<uint64_t>(position.state, partitions_.size());
  rd_kafka_topic_partition_list_t* commit =
      rd_kafka_topic_partition_list_new(int(partitions_.size()));
  for (const Partition& p : partitions_) {
    bytes::put_string(position.state, p.topic);
    bytes::put<int32_t>(position.state, p.id);
    bytes::put<int64_t>(position.state, p.next_offset);
    bytes::put<uint8_t>(position.state, p.done);
    bytes::put<int64_t>(position.state, p.watermark);
    bytes::put<int64_t>(position.state, p.end_offset);
    bytes::put<int64_t>(position.state, p.wait_until);
    rd_kafka_topic_partition_list_add(commit, p.topic.c_str(), p.id)->offset = p.next_offset;
    position.offset += uint64_t(std::max<int64_t>(p.next_offset, 0));
  }
  // As Flink does with a group id: the group's offsets follow the checkpoints (for monitoring
  // and 'group-offsets' starts; a resumed query uses the checkpoint's).
  if (!group_.empty() && assigned_) rd_kafka_commit(client_->handle(), commit, 1);
  rd_kafka_topic_partition_list_destroy(commit);
  return position;
}

Status KafkaSource::seek(const SourcePosition& position) {
  if (assigned_)
    return Error{Error::Kind::Runtime,
                 fmt::format("stream '{}': internal error: seek after reading began", stream_)};
  auto malformed = [&] {
    return Error{Error::Kind::Runtime,
                 fmt::format("stream '{}': the checkpointed Kafka position is malformed", stream_)};
  };
  std::string_view in = position.state;
  uint32_t magic = 0;
  uint64_t turn = 0, skipped = 0, count = 0;
  int64_t current = 0;
  if (!bytes::get(in, magic) || magic != kPositionMagic || !bytes::get(in, turn) ||
      !bytes::get(in, skipped) || !bytes::get(in, current) || !bytes::get(in, count))
    return malformed();
  std::vector<Partition> saved(count);
  for (Partition& p : saved) {
    std::string_view topic;
    uint8_t done = 0;
    if (!bytes::get_string(in, topic) || !bytes::get(in, p.id) || !bytes::get(in, p.next_offset) ||
        !bytes::get(in, done) || !bytes::get(in, p.watermark) || !bytes::get(in, p.end_offset) ||
        !bytes::get(in, p.wait_until))
      return malformed();
    p.topic = std::string(topic);
    p.done = done;
  }
  if (!in.empty()) return malformed();
  auto names = [](const std::vector<Partition>& list) {
    std::string out;
    for (const Partition& p : list)
      out += fmt::format("{}{}/{}", out.empty() ? "" : ", ", p.topic, p.id);
    return out;
  };
  bool same = saved.size() == partitions_.size();
  for (size_t i = 0; same && i < saved.size(); ++i)
    same = saved[i].topic == partitions_[i].topic && saved[i].id == partitions_[i].id;
  if (!same)
    return Error{Error::Kind::Runtime,
                 fmt::format("stream '{}': the checkpoint was taken over the partitions [{}], but "
                             "the topic now has [{}] (partitions added or removed while the query "
                             "was stopped are not supported)",
                             stream_, names(saved), names(partitions_))};
  for (size_t i = 0; i < saved.size(); ++i) {
    Partition& p = partitions_[i];
    // The end of a bounded read was fixed when the query began, whatever came since.
    p.next_offset = saved[i].next_offset;
    p.end_offset = saved[i].end_offset;
    p.wait_until = saved[i].wait_until;
    p.done = saved[i].done || (p.end_offset >= 0 && p.next_offset >= p.end_offset);
    p.watermark = saved[i].watermark;
  }
  turn_ = size_t(turn) % std::max<size_t>(partitions_.size(), 1);
  skipped_ = skipped;
  current_ = reported_ = current;
  return Status::ok();
}

Error stream_error(const ConnectorContext& context, Error error) {
  if (!context.stream.empty() && error.kind != Error::Kind::Bind)
    error.message = fmt::format("stream '{}': {}", context.stream, error.message);
  return error;
}

// Offsets for `partitions` from the consumer group (-1001 for none) or by timestamp (-1: none at
// or after it).
Result<std::vector<int64_t>> lookup_offsets(KafkaClient& client,
                                            const std::vector<Partition>& partitions, bool by_time,
                                            int64_t timestamp, int timeout_ms) {
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(int(partitions.size()));
  for (const Partition& p : partitions)
    rd_kafka_topic_partition_list_add(list, p.topic.c_str(), p.id)->offset =
        by_time ? timestamp : RD_KAFKA_OFFSET_INVALID;
  rd_kafka_resp_err_t err = by_time ? rd_kafka_offsets_for_times(client.handle(), list, timeout_ms)
                                    : rd_kafka_committed(client.handle(), list, timeout_ms);
  std::vector<int64_t> out;
  for (int i = 0; err == RD_KAFKA_RESP_ERR_NO_ERROR && i < list->cnt; ++i) {
    if (list->elems[i].err != RD_KAFKA_RESP_ERR_NO_ERROR) err = list->elems[i].err;
    out.push_back(list->elems[i].offset);
  }
  rd_kafka_topic_partition_list_destroy(list);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    return Error{Error::Kind::Runtime,
                 fmt::format("cannot look up the {} offsets: {}",
                             by_time ? "timestamp's" : "consumer group's", rd_kafka_err2str(err))};
  return out;
}

}  // namespace

Result<std::unique_ptr<Source>> open_kafka_source(const ConnectorContext& context) {
  auto fields = kafka_fields(context);
  if (!fields) return fields.error();
  if (to_lower(context.option("scan.startup.mode", "group-offsets")) == "group-offsets" &&
      !context.options.count("properties.group.id"))
    return option_error(context,
                        "reading starts from the consumer group's offsets ('scan.startup.mode' = "
                        "'group-offsets', the default, as in Flink) but 'properties.group.id' is "
                        "not set; set one, or 'scan.startup.mode' = 'earliest-offset' or "
                        "'latest-offset'",
                        "scan.startup.mode");
  const int timeout_ms = kafka_request_timeout_ms(context);
  // librdkafka assigns partitions through a group object even without a group's offsets: a
  // private group id when none is given (nothing is committed to it).
  auto made = make_kafka_client(context, RD_KAFKA_CONSUMER,
                                {{"client.id", "eddy"},
                                 {"group.id", "eddy-" + context.stream},
                                 {"enable.auto.commit", "false"},
                                 {"enable.auto.offset.store", "false"},
                                 {"enable.partition.eof", "true"},
                                 {"statistics.interval.ms", "1000"}});  // is a broker connected?
  if (!made) return made.error();
  std::unique_ptr<KafkaClient> client = std::move(made.value());
  std::vector<std::string> topics;
  std::string topic_label;
  if (context.options.count("topic-pattern")) {
    auto matching = client->topics_matching(context.option("topic-pattern", ""), timeout_ms);
    if (!matching) return stream_error(context, matching.error());
    topics = matching.value();
    topic_label = "pattern " + context.option("topic-pattern", "");
  } else {
    topics = kafka_topics(context);
    for (const auto& t : topics) topic_label += (topic_label.empty() ? "" : ";") + t;
  }
  auto listed = client->partitions(topics, timeout_ms);
  if (!listed) return stream_error(context, listed.error());
  std::vector<Partition> partitions;
  std::vector<int64_t> low, high;
  for (const auto& [topic, id] : listed.value()) {
    auto marks = client->watermarks(topic, id, timeout_ms);
    if (!marks) return stream_error(context, marks.error());
    Partition p;
    p.topic = topic;
    p.id = id;
    partitions.push_back(std::move(p));
    low.push_back(marks.value().first);
    high.push_back(marks.value().second);
  }
  const std::string group = context.option("properties.group.id", "");
  const std::string reset = to_lower(context.option("properties.auto.offset.reset", ""));
  // Resolves a mode to one offset per partition; `bounded` picks the end-of-input defaults.
  auto resolve = [&](const std::string& mode, const std::string& key_prefix,
                     bool bounded) -> Result<std::vector<int64_t>> {
    std::vector<int64_t> out(partitions.size());
    if (mode == "earliest-offset") return low;
    if (mode == "latest-offset") return high;
    if (mode == "specific-offsets") {
      std::vector<std::pair<int32_t, int64_t>> given;
      parse_partition_offsets(context.option(key_prefix + ".specific-offsets", ""), given);
      for (size_t i = 0; i < partitions.size(); ++i) {
        out[i] = bounded ? high[i] : low[i];
        for (const auto& [id, offset] : given)
          if (id == partitions[i].id) out[i] = bounded ? offset : std::max(offset, low[i]);
      }
      return out;
    }
    if (mode == "timestamp") {
      int64_t millis = 0;
      parse_int64_text(trim_blanks(context.option(key_prefix + ".timestamp-millis", "0")), millis);
      auto found = lookup_offsets(*client, partitions, true, millis, timeout_ms);
      if (!found) return stream_error(context, found.error());
      for (size_t i = 0; i < partitions.size(); ++i)
        out[i] = found.value()[i] < 0 ? high[i] : found.value()[i];
      return out;
    }
    // group-offsets
    auto committed = lookup_offsets(*client, partitions, false, 0, timeout_ms);
    if (!committed) return stream_error(context, committed.error());
    for (size_t i = 0; i < partitions.size(); ++i) {
      out[i] = committed.value()[i];
      if (out[i] >= 0) continue;
      if (bounded || reset == "latest" || reset == "largest") {
        out[i] = high[i];
      } else if (reset == "earliest" || reset == "smallest") {
        out[i] = low[i];
      } else {
        return stream_error(
            context, Error{Error::Kind::Runtime,
                           fmt::format("consumer group '{}' has no committed offset for topic "
                                       "'{}' partition {}; set 'properties.auto.offset.reset' to "
                                       "'earliest' or 'latest', or another 'scan.startup.mode'",
                                       group, partitions[i].topic, partitions[i].id)});
      }
    }
    return out;
  };
  auto start = resolve(to_lower(context.option("scan.startup.mode", "group-offsets")),
                       "scan.startup", false);
  if (!start) return start.error();
  const std::string bounded = to_lower(context.option("scan.bounded.mode", "unbounded"));
  std::vector<int64_t> end(partitions.size(), -1);
  if (bounded != "unbounded") {
    auto resolved = resolve(bounded, "scan.bounded", true);
    if (!resolved) return resolved.error();
    end = resolved.value();
  }
  for (size_t i = 0; i < partitions.size(); ++i) {
    Partition& p = partitions[i];
    p.next_offset = start.value()[i];
    p.end_offset = end[i];
    p.wait_until = end[i] >= 0 ? end[i] : high[i];
    p.done = p.end_offset >= 0 && p.next_offset >= p.end_offset;
  }
  const std::string description =
      fmt::format("kafka topic {} ({}{})", topic_label, format_label(kafka_value_format(context)),
                  bounded == "unbounded" ? "" : ", bounded by " + bounded);
  return std::unique_ptr<Source>(std::make_unique<KafkaSource>(
      context, std::move(client), std::move(partitions), std::move(fields.value()), description));
}

}  // namespace eddy
