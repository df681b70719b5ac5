#include "operators/interval_join.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "expr/eval_context.h"
#include "runtime/failure.h"

namespace eddy {

namespace {

[[noreturn]] void damaged() { fail(Error::Kind::Runtime, "Join: damaged row state"); }

Timestamp add_saturating(Timestamp t, int64_t d) {
  if (t == kMinTimestamp || t == kMaxTimestamp) return t;
  if (d > 0 && t > kMaxTimestamp - d) return kMaxTimestamp;
  if (d < 0 && t < kMinTimestamp - d) return kMinTimestamp;
  return t + d;
}

}  // namespace

const char* join_type_name(JoinType type) {
  switch (type) {
    case JoinType::Inner:
      return "INNER";
    case JoinType::Left:
      return "LEFT OUTER";
    case JoinType::Right:
      return "RIGHT OUTER";
    case JoinType::Full:
      return "FULL OUTER";
    case JoinType::Semi:
      return "LEFT SEMI";
    case JoinType::Anti:
      return "LEFT ANTI";
  }
  return "?";
}

IntervalJoin::IntervalJoin(JoinConfig config)
    : config_(std::move(config)),
      left_rows_(state_.declare<JoinRows>("left")),
      right_rows_(state_.declare<JoinRows>("right")) {
  const JoinType type = config_.type;
  // Regular outer and anti joins emit unmatched rows at once and retract them on a match; a
  // join of updating inputs retracts what their retractions undo.
  updating_ = config_.updating_inputs ||
              (!config_.bounded && (type == JoinType::Left || type == JoinType::Right ||
                                    type == JoinType::Full || type == JoinType::Anti));
  Side& left = sides_[0];
  Side& right = sides_[1];
  left.hashed = right.hashed = BatchKeys::first(config_.left_keys.size());
  left.rows = &left_rows_;
  right.rows = &right_rows_;
  // A time bound probes and expires by time: rows are kept in time order.
  left_rows_.set_time_ordered(config_.bounded);
  right_rows_.set_time_ordered(config_.bounded);
  left.schema = config_.left;
  right.schema = config_.right;
  left.keys = &config_.left_keys;
  right.keys = &config_.right_keys;
  left.time = config_.left_time;
  right.time = config_.right_time;
  left.preserved = type == JoinType::Left || type == JoinType::Full || type == JoinType::Anti;
  right.preserved = type == JoinType::Right || type == JoinType::Full;
  processing_timers_ =
      config_.bounded ? config_.processing_time : config_.ttl_ms > 0 && !config_.ttl_event_time;
  // The timers about to fire name the keys whose state fire() loads ahead.
  if (!processing_timers_) timers_.track_event_timers_due_soon();
  for (Side& side : sides_) side.columns = BatchKeys::first(side.schema.size()).columns();
  // Both sides' keys are pairwise of one type: the left's declare them.
  std::vector<Type> key_types;
  for (const ExprPtr& key : config_.left_keys) key_types.push_back(key->type());
  state_.set_key_types(key_types);
  Schema both = config_.left;
  for (const auto& field : config_.right.fields) both.fields.push_back(field);
  candidates_ = Batch::with_schema(both);
  out_ = Batch::with_schema(config_.output);
  expired_ = Batch::with_schema(config_.output);
  checkpointed_.keyed(state_, &timers_);
  checkpointed_.value("input_watermarks", input_watermarks_);
  checkpointed_.value("input_idle", input_idle_);
  checkpointed_.value("watermark", watermark_);
  checkpointed_.key("null_key", null_key_);
  // Counters: summed over an exchange's instances (each counts its own rows).
  checkpointed_.counter("arrivals", arrivals_);
  checkpointed_.counter("left.stored", sides_[0].stored);
  checkpointed_.counter("right.stored", sides_[1].stored);
}

void IntervalJoin::on_input_watermark(int port, Timestamp watermark) {
  input_watermarks_[port] = watermark;
}

void IntervalJoin::on_input_idle(int port, bool idle) { input_idle_[port] = idle; }

void IntervalJoin::begin(Output& out) {
  tagging_ = out.wants_origins() ? &out : nullptr;
  origins_.clear();
  received_ = 0;
}

void IntervalJoin::fail_at_row(Failure& failure, Output& out) {
  if (failure.operator_row() == Failure::kNoRow) failure.set_operator_row(received_);
  flush(out);
  update_metrics();
  tagging_ = nullptr;
  throw failure;
}

void IntervalJoin::on_batch(Batch& batch, int port, Output& out) {
  // An exchange's instances run on its worker threads: expressions read the query's clock.
  ScopedEvalClock eval_clock(current_eval_clock() ? current_eval_clock() : config_.clock);
  begin(out);
  metrics_.rows_in += batch.size();
  evaluate_keys(batch, port);
  try {
    process_rows(batch, port, 0, batch.size());
  } catch (Failure& failure) {
    fail_at_row(failure, out);
  }
  flush(out);
  update_metrics();
  tagging_ = nullptr;
}

void IntervalJoin::on_merged(MergedInputs& merged, Output& out) {
  ScopedEvalClock eval_clock(current_eval_clock() ? current_eval_clock() : config_.clock);
  begin(out);
  size_t next[2] = {0, 0};
  for (int port = 0; port < 2; ++port) {
    metrics_.rows_in += merged.inputs[port].size();
    if (!merged.inputs[port].empty()) evaluate_keys(merged.inputs[port], port);
  }
  try {
    for (const MergedInputs::Run& run : merged.runs) {
      process_rows(merged.inputs[run.port], run.port, next[run.port], run.end);
      next[run.port] = run.end;
      if (run.watermark > input_watermarks_[run.port]) input_watermarks_[run.port] = run.watermark;
    }
  } catch (Failure& failure) {
    fail_at_row(failure, out);
  }
  flush(out);
  update_metrics();
  tagging_ = nullptr;
}

bool IntervalJoin::timer_watermarks(const std::vector<const Batch*>& inputs,
                                    const std::vector<MergedInputs::Run>& runs,
                                    std::vector<Timestamp>& due,
                                    std::vector<Timestamp>& carried) const {
  // What process_rows does with the watermarks, without the rows: a row advances the combined
  // watermark to the minimum of its arrival watermark and the other input's (unless idle); the
  // rows expiring then carry the output watermark in force before.
  Timestamp inputs_at[2] = {input_watermarks_[0], input_watermarks_[1]};
  Timestamp reached = watermark_;
  size_t next[2] = {0, 0};
  for (const MergedInputs::Run& run : runs) {
    const int port = run.port;
    const Batch& rows = *inputs[size_t(port)];
    const int other = 1 - port;
    const Timestamp others = input_idle_[other] ? kMaxTimestamp : inputs_at[other];
    for (size_t row = next[port]; row < run.end; ++row) {
      carried.push_back(output_watermark(reached));
      if (!rows.arrival_watermark.empty())
        reached = std::max(reached, std::min(rows.arrival_watermark[row], others));
      due.push_back(reached);
    }
    next[port] = run.end;
    if (run.watermark > inputs_at[port]) inputs_at[port] = run.watermark;
  }
  return true;
}

void IntervalJoin::on_arrival_watermark(Timestamp watermark, Output& out) {
  begin(out);
  advance(watermark);
  flush(out);
  update_metrics();
  tagging_ = nullptr;
}

void IntervalJoin::evaluate_keys(const Batch& batch, int port) {
  Side& side = sides_[port];
  side.key_values.columns.resize(side.keys->size());
  for (size_t k = 0; k < side.keys->size(); ++k)
    (*side.keys)[k]->eval(batch, side.key_values.columns[k]);
  side.key_values.rows = batch.size();
  side.hashed.hash(side.key_values);
}

void IntervalJoin::process_rows(Batch& batch, int port, size_t begin, size_t end) {
  // The other input's watermark holds back the combined one (unless that input is idle).
  const int other = 1 - port;
  const Timestamp others = input_idle_[other] ? kMaxTimestamp : input_watermarks_[other];
  for (size_t row = begin; row < end; ++row) {
    if (!batch.arrival_watermark.empty()) advance(std::min(batch.arrival_watermark[row], others));
    process_row(batch, port, row);
    // A row's pairs come after the watermark its arrival moved the output to.
    out_.arrival_watermark.resize(out_.size(), output_watermark(watermark_));
    if (tagging_) origins_.resize(out_.size(), received_);
    ++received_;
  }
}

void IntervalJoin::process_row(Batch& batch, int port, size_t row) {
  Side& side = sides_[port];
  // On an exchange's instance: the row's place in the exchange's input (comparable across
  // instances, and what one instance's count would be).
  const uint64_t arrival = batch.positions.empty() ? arrivals_ : batch.positions[row];
  ++arrivals_;
  bool null_key = false;
  const std::vector<bool>& null_safe = config_.null_safe_keys;
  bool key_null = false;  // a NULL key of a null-aware join: matches every key
  for (size_t k = 0; k < side.key_values.columns.size(); ++k) {
    if (!side.key_values.columns[k].is_null(row)) continue;
    if (config_.null_aware)
      key_null = true;
    else if (k >= null_safe.size() || !null_safe[k])
      null_key = true;
  }
  Timestamp time = 0;
  if (side.time >= 0) {
    const Column& times = batch.columns[side.time];
    if (times.is_null(row))
      null_key = true;
    else
      time = times.ints[row];
  }
  const RowKind kind = batch.kind(row);
  const bool retract = kind == RowKind::UpdateBefore || kind == RowKind::Delete;
  if (null_key) {
    // It can never match: a preserved row is emitted at once, anything else is dropped.
    if (side.preserved)
      emit_side(retract ? RowKind::Delete : RowKind::Insert, port, batch, row, 0, out_);
    return;
  }
  bool inserted = false;
  KeyId key = state_.intern(side.hashed, row, inserted);
  // The key of a row a few ahead, if already stored: its rows' records start loading.
  if (const KeyId ahead = state_.upcoming(); ahead != KeyIndex::kNoKey)
    for (const Side& s : sides_) s.rows->prefetch_record(ahead);
  if (key_null) null_key_ = key;
  if (retract) return retract_row(batch, port, row, key, key_null, time);
  const uint32_t matches = probe_all(batch, port, row, key, key_null, time, +1);
  const bool matched = matches > 0;
  if (config_.type == JoinType::Semi && port == 0 && matched)
    emit_side(RowKind::Insert, 0, batch, row, 0, out_);
  // Rows that will never be emitted or matched again need no state (unless a retraction of
  // their match could still come).
  bool keep = !(port == 0 && matched && !config_.updating_inputs &&
                (config_.type == JoinType::Semi || config_.type == JoinType::Anti));
  const Timestamp expiry = expiry_of(port, time);
  // Its interval has closed when no row still to come can match it: in processing time, when
  // the clock has passed its end (expiry <= now); in event time, when its end is at or behind
  // the watermark (expiry <= W + 1; Flink's TimeIntervalJoin keeps a new row only while
  // W < end, though it keeps a stored one until W > end).
  const Timestamp closed_by =
      config_.processing_time ? config_.clock->now() : add_saturating(watermark_, 1);
  if (config_.bounded && expiry <= closed_by) {
    if (side.preserved && !matched) emit_side(RowKind::Insert, port, batch, row, 0, out_);
    keep = false;
  } else if (!config_.bounded && side.preserved && !matched) {
    emit_side(RowKind::Insert, port, batch, row, 0, out_);
  }
  if (keep) {
    store(batch, port, row, key, {time, expiry, arrival, matches, 0, 0});
  } else {
    release_if_empty(key);
  }
}

void IntervalJoin::retract_row(Batch& batch, int port, size_t row, KeyId key, bool key_null,
                               Timestamp time) {
  Side& side = sides_[port];
  // The stored copy of the retracted row: the first with the same bytes. None (forgotten by the
  // TTL, or never seen): nothing to undo.
  encoded_.clear();
  encode_row(batch, side.columns, row, encoded_);
  if (!side.rows->has(key)) return;
  JoinRows& rows = *side.rows;
  size_t found = 0;
  const size_t count = rows.size(key);
  while (found < count && rows.bytes(key, rows.row(key, found)) != encoded_) ++found;
  if (found == count) return;
  const uint32_t matches = rows.row(key, found).matches;
  rows.remove(key, found);
  --side.stored;
  probe_all(batch, port, row, key, key_null, time, -1);
  const bool anti = config_.type == JoinType::Anti, semi = config_.type == JoinType::Semi;
  if ((semi && port == 0 && matches > 0) || (side.preserved && matches == 0) ||
      (anti && port == 0 && matches == 0))
    emit_side(RowKind::Delete, port, batch, row, 0, out_);
  release_if_empty(key);
}

uint32_t IntervalJoin::probe_all(Batch& batch, int port, size_t row, KeyId key, bool key_null,
                                 Timestamp time, int delta) {
  uint32_t matches = probe(batch, port, row, key, time, delta);
  if (!config_.null_aware) return matches;
  const JoinRows& stored = *sides_[1 - port].rows;
  if (key_null) {
    // Every other key, in the order the keys were first seen: KeyIds are reused and a restore
    // renumbers them, so their order must not decide the order of the output.
    probe_order_.clear();
    for (KeyId other = 0; other < stored.key_limit(); ++other)
      if (other != key && stored.has(other)) probe_order_.push_back(other);
    std::sort(probe_order_.begin(), probe_order_.end(),
              [&](KeyId a, KeyId b) { return state_.sequence(a) < state_.sequence(b); });
    for (KeyId other : probe_order_) matches += probe(batch, port, row, other, time, delta);
    return matches;
  }
  if (null_key_ >= 0 && KeyId(null_key_) != key)
    matches += probe(batch, port, row, KeyId(null_key_), time, delta);
  return matches;
}

uint32_t IntervalJoin::probe(Batch& batch, int port, size_t row, KeyId key, Timestamp time,
                             int delta) {
  const int other = 1 - port;
  Side& stored = sides_[other];
  if (!stored.rows->has(key)) return 0;
  JoinRows& rows = *stored.rows;
  size_t first = 0, last = rows.size(key);
  if (config_.bounded) {
    // The stored rows at distance lower..upper: right.t - left.t, the stored row being the right
    // one for a left probe.
    const bool left_probe = port == 0;
    const Timestamp from = add_saturating(time, left_probe ? config_.lower : -config_.upper);
    const Timestamp to = add_saturating(time, left_probe ? config_.upper : -config_.lower);
    rows.time_range(key, from, to, first, last);
  }
  if (first == last) return 0;
  // Pairs go out in the stored rows' arrival order (as the rows of a regular join are kept).
  matching_.clear();
  for (size_t i = first; i < last; ++i) matching_.push_back(i);
  // Rows kept in time order are mostly in arrival order too: sort only when they are not.
  const auto by_arrival = [&](size_t a, size_t b) {
    return rows.row(key, a).arrival < rows.row(key, b).arrival;
  };
  if (config_.bounded && !std::is_sorted(matching_.begin(), matching_.end(), by_arrival))
    std::sort(matching_.begin(), matching_.end(), by_arrival);
  const size_t left_columns = config_.left.size();
  candidates_.clear();
  candidate_entries_.clear();
  Column* incoming = candidates_.columns.data() + (port == 0 ? 0 : left_columns);
  for (size_t i : matching_) {
    // The pair: the arriving row's columns copied, the stored row's decoded in place.
    for (size_t c = 0; c < batch.columns.size(); ++c)
      incoming[c].append_from(batch.columns[c], row);
    std::string_view encoded = rows.bytes(key, rows.row(key, i));
    if (!decode_columns(encoded, side_columns(candidates_, other))) damaged();
    ++candidates_.rows;
    candidate_entries_.push_back(i);
  }
  if (candidates_.empty()) return 0;
  if (config_.residual) config_.residual->eval(candidates_, condition_);
  uint32_t matches = 0;
  const size_t stored_offset = other == 0 ? 0 : left_columns;
  for (size_t i = 0; i < candidates_.size(); ++i) {
    if (config_.residual && (condition_.is_null(i) || !condition_.ints[i])) continue;
    ++matches;
    // The stored row's match count; it starts or stops being matched at 0 <-> 1.
    uint32_t& counter = rows.matches(key, candidate_entries_[i]);
    const uint32_t before = counter;
    const uint32_t after = delta > 0 ? before + 1 : (before > 0 ? before - 1 : 0);
    counter = after;
    const bool starts = before == 0 && after > 0, stops = before > 0 && after == 0;
    const RowKind kind = delta > 0 ? RowKind::Insert : RowKind::Delete;
    switch (config_.type) {
      case JoinType::Semi:
        // A stored left row is emitted at its first match (a left probe emits itself).
        if (port == 1 && (starts || (stops && updating_)))
          emit_side(kind, 0, candidates_, i, 0, out_);
        break;
      case JoinType::Anti:
        // A regular anti join retracts the left row it emitted while it had no match.
        if (port == 1 && updating_ && (starts || stops))
          emit_side(starts ? RowKind::Delete : RowKind::Insert, 0, candidates_, i, 0, out_);
        break;
      default:
        // A regular outer join retracts the stored row's null-padded row at its first match,
        // and emits it again when its last match is retracted.
        if (updating_ && stored.preserved && starts)
          emit_side(RowKind::Delete, other, candidates_, i, stored_offset, out_);
        emit_joined(i, kind);
        if (updating_ && stored.preserved && stops)
          emit_side(RowKind::Insert, other, candidates_, i, stored_offset, out_);
        break;
    }
  }
  return matches;
}

Timestamp IntervalJoin::expiry_of(int port, Timestamp time) const {
  if (config_.bounded && config_.empty_interval) return kMinTimestamp;  // closed from the start
  if (config_.bounded) {
    // A row expires 1 ms after its interval ends. In event time the timer fires once the
    // watermark is past the end (W > end), so a row that arrives exactly at the watermark
    // (a tie with the row that moved it) still matches the rows whose interval ends there, as
    // Flink's TimeIntervalJoin keeps them (it removes rows with end < W). In processing time a
    // row still to come may arrive at the clock's now.
    const int64_t end = port == 0 ? config_.upper : -config_.lower;
    return add_saturating(time, end + 1);
  }
  if (config_.ttl_ms <= 0) return kMaxTimestamp;
  if (!config_.ttl_event_time) return add_saturating(config_.clock->now(), config_.ttl_ms);
  // Event-time TTL: from the row's rowtime, or the watermark it arrived at when it has none.
  const Timestamp base = sides_[port].time >= 0 ? time : watermark_;
  return add_saturating(base, config_.ttl_ms);
}

void IntervalJoin::store(const Batch& batch, int port, size_t row, KeyId key,
                         const JoinRows::Row& stored) {
  Side& side = sides_[port];
  // The row's strings are copied from wherever its batch keeps them (e.g. a source's string
  // pool, not in cache): start loading those of a row a few ahead, most likely stored next.
  constexpr size_t kStringsAhead = 4;
  if (row + kStringsAhead < batch.size())
    for (const Column& column : batch.columns)
      if (column.type.id == TypeId::String && !column.strings[row + kStringsAhead].empty())
        prefetch_line(column.strings[row + kStringsAhead].data());
  side.rows->add(key, stored, batch, side.columns, row);
  ++side.stored;
  if (stored.expiry == kMaxTimestamp) return;
  if (processing_timers_) {
    timers_.register_processing_timer(key, stored.expiry);
  } else {
    timers_.register_event_timer(key, stored.expiry);
  }
}

void IntervalJoin::advance(Timestamp watermark) {
  if (watermark <= watermark_) return;
  // Rows that expire now go out before the output watermark moves on (as with batch size 1,
  // where the watermark is forwarded after them): they carry the one in force before.
  const Timestamp before = output_watermark(watermark_);
  watermark_ = watermark;
  if (!processing_timers_) fire(false, watermark, before);
}

void IntervalJoin::fire(bool processing, Timestamp upto, Timestamp arrival) {
  KeyId key;
  Timestamp at;
  // Interval ends emit unmatched rows of a preserved side; a TTL forgets rows silently.
  // A key's stored rows were last touched when they arrived, so each expiry would wait for its
  // cache misses in turn: the state of the keys that expire next is loaded ahead, in two stages
  // (the records first, then what they point to): the keys of the timers that fire next
  // (operators/expiry_lookahead.h), a call ahead, and within a run of due timers a few keys
  // ahead.
  const auto prefetch_rows = [&](KeyId ahead) {
    for (const Side& side : sides_) side.rows->prefetch_rows(ahead);
    state_.prefetch_release(ahead);
  };
  if (!processing) lookahead_.visit_near([&](KeyId ahead, Timestamp) { prefetch_rows(ahead); });
  // The due timers first, then their expiries in the same order (expiring adds and deletes no
  // timer).
  due_.clear();
  while (processing ? timers_.pop_processing_timer(upto, key, at)
                    : timers_.pop_event_timer(upto, key, at))
    due_.emplace_back(key, at);
  // Within the run, only past the timers the lookahead loaded (in event time, the run's first
  // kExpiryLookahead, if its guesses were right): prefetching what is in cache already takes
  // the room of lines still to come.
  constexpr size_t kRecordAhead = 16, kRowsAhead = 8;
  const size_t loaded = processing ? 0 : kExpiryLookahead;
  for (size_t i = 0; i < due_.size(); ++i) {
    if (i + kRecordAhead < due_.size() && i + kRecordAhead >= loaded) {
      const KeyId ahead = due_[i + kRecordAhead].first;
      for (const Side& side : sides_) side.rows->prefetch_record(ahead);
      state_.prefetch(ahead);
    }
    if (i + kRowsAhead < due_.size() && i + kRowsAhead >= loaded)
      prefetch_rows(due_[i + kRowsAhead].first);
    expire(due_[i].first, due_[i].second, config_.bounded);
  }
  if (!processing) {
    // The timers that came within 64 ms of the watermark while popping, and, while fewer than
    // the lookahead's distance are ahead, the next block of them.
    lookahead_.take_due_soon(timers_.event_timers_due_soon());
    lookahead_.drop_due(upto);
    if (lookahead_.size() < kExpiryLookahead) {
      upcoming_.clear();
      const Timestamp last = timers_.upcoming_event_timers(upcoming_);
      if (last > lookahead_.covered()) lookahead_.add_block(upcoming_, last);
    }
    lookahead_.visit_far([&](KeyId ahead, Timestamp expiry) {
      for (const Side& side : sides_) side.rows->prefetch_record(ahead);
      state_.prefetch(ahead);
      timers_.prefetch_event_timer(ahead, expiry);
    });
  }
  if (expired_.empty()) return;
  sort_emitted(expired_, order_);
  if (tagging_) {
    // An exchange's instance: the rows caused so far, then these as fired.
    if (!out_.empty()) {
      metrics_.rows_out += out_.size();
      tagging_->emit_caused(out_, origins_);
      out_ = Batch::with_schema(config_.output);
      origins_.clear();
    }
    expired_.arrival_watermark.assign(expired_.size(), arrival);
    metrics_.rows_out += expired_.size();
    tagging_->emit_fired(expired_, order_);
    expired_ = Batch::with_schema(config_.output);
    order_.clear();
    return;
  }
  for (size_t i = 0; i < expired_.size(); ++i) out_.append_row(expired_, i);
  out_.arrival_watermark.resize(out_.size() - expired_.size());
  out_.arrival_watermark.resize(out_.size(), arrival);
  expired_.clear();
  order_.clear();
}

void IntervalJoin::expire(KeyId key, Timestamp at, bool emit) {
  for (int port = 0; port < 2; ++port) {
    Side& side = sides_[port];
    if (!side.rows->has(key)) continue;
    // An interval join's rows expire in time order; a TTL's may not (event time with rowtimes).
    side.rows->expire(key, at, config_.bounded,
                      [&](const JoinRows::Row& row, std::string_view encoded) {
                        --side.stored;
                        if (!emit || !side.preserved || row.matches > 0) return;
                        if (!decode_columns(encoded, side_columns(expired_, port))) damaged();
                        pad_other_side(port, expired_);
                        order_.push_back({row.expiry, row.arrival});
                      });
  }
  release_if_empty(key);
}

std::span<Column> IntervalJoin::side_columns(Batch& batch, int port) const {
  const size_t left_columns = config_.left.size();
  return port == 0 ? std::span<Column>(batch.columns.data(), left_columns)
                   : std::span<Column>(batch.columns.data() + left_columns, config_.right.size());
}

void IntervalJoin::pad_other_side(int port, Batch& out, RowKind kind) {
  // SEMI / ANTI output has only the left side's columns: nothing to pad.
  if (out.columns.size() > config_.left.size())
    for (Column& column : side_columns(out, 1 - port)) column.append_null();
  ++out.rows;
  if (updating_) out.kinds.push_back(kind);
}

void IntervalJoin::emit_side(RowKind kind, int port, const Batch& from, size_t row, size_t offset,
                             Batch& out) {
  std::span<Column> columns = side_columns(out, port);
  for (size_t c = 0; c < columns.size(); ++c) columns[c].append_from(from.columns[offset + c], row);
  pad_other_side(port, out, kind);
}

void IntervalJoin::release_if_empty(KeyId key) {
  if (left_rows_.has(key) || right_rows_.has(key)) return;
  state_.release(key);
  // The next new key is given this id: start loading its records on both sides.
  for (const Side& side : sides_) side.rows->prefetch_slot(key);
  if (int64_t(key) == null_key_) null_key_ = -1;
}

void IntervalJoin::emit_joined(size_t candidate, RowKind kind) {
  for (size_t c = 0; c < out_.columns.size(); ++c)
    out_.columns[c].append_from(candidates_.columns[c], candidate);
  ++out_.rows;
  if (updating_) out_.kinds.push_back(kind);
}

void IntervalJoin::flush(Output& out) {
  if (out_.empty()) return;
  metrics_.rows_out += out_.size();
  out_.arrival_watermark.resize(out_.size(), output_watermark(watermark_));
  if (tagging_)
    out.emit_caused(out_, origins_);
  else
    out.emit(out_);
  out_ = Batch::with_schema(config_.output);
  origins_.clear();
}

void IntervalJoin::on_watermark(Timestamp watermark, Output& out) {
  begin(out);
  advance(watermark);
  flush(out);
  update_metrics();
  tagging_ = nullptr;
  out.watermark(output_watermark(watermark));
}

void IntervalJoin::on_processing_time(Timestamp now, Output& out) {
  if (!processing_timers_) return;
  begin(out);
  fire(true, now, output_watermark(watermark_));
  flush(out);
  update_metrics();
  tagging_ = nullptr;
}

void IntervalJoin::on_end(Output& out) {
  // A processing-time interval join emits its unmatched rows when the input ends.
  if (config_.bounded && config_.processing_time) on_processing_time(kMaxTimestamp, out);
}

Timestamp IntervalJoin::output_watermark(Timestamp input) const {
  return add_saturating(input, -config_.watermark_delay);
}

void IntervalJoin::update_metrics() {
  metrics_.keys = state_.key_count();
  metrics_.state_bytes = state_.memory_bytes() + timers_.memory_bytes() + lookahead_.memory_bytes();
  metrics_.timers = timers_.event_timer_count() + timers_.processing_timer_count();
}

OperatorDescription IntervalJoin::describe() const {
  OperatorDescription d{config_.bounded ? "IntervalJoin" : "Join", {}};
  d.properties.emplace_back("type", join_type_name(config_.type));
  d.properties.emplace_back("key", config_.key_text.empty() ? "(none)" : config_.key_text);
  if (config_.bounded)
    d.properties.emplace_back("interval", config_.empty_interval
                                              ? config_.interval_text + " (empty: nothing matches)"
                                              : config_.interval_text);
  if (config_.bounded && config_.processing_time)
    d.properties.emplace_back("time", "processing time");
  if (config_.null_aware)
    d.properties.emplace_back("nulls", "NOT IN: a NULL key matches every key of the other side");
  if (config_.residual) d.properties.emplace_back("condition", config_.residual_text);
  if (!config_.rowtime_text.empty())
    d.properties.emplace_back(config_.processing_time ? "proctime" : "rowtime",
                              config_.rowtime_text);
  if (config_.watermark_delay > 0)
    d.properties.emplace_back("watermark", "inputs - " + format_interval(config_.watermark_delay));
  if (config_.bounded && config_.empty_interval) {
    d.properties.emplace_back("state", "none (every row is emitted or dropped at once)");
  } else if (config_.bounded) {
    d.properties.emplace_back(
        "state", fmt::format("left rows until the {} passes their time{}, right rows "
                             "until it passes their time{}",
                             config_.processing_time ? "processing clock" : "watermark",
                             format_offset(config_.upper), format_offset(-config_.lower)));
    d.properties.emplace_back("timers", config_.processing_time
                                            ? "one processing-time timer per key and expiry time"
                                            : "one event-time timer per key and expiry time");
  } else if (config_.ttl_ms > 0) {
    d.properties.emplace_back(
        "state", fmt::format("rows of both sides for {} ({})", format_interval(config_.ttl_ms),
                             config_.ttl_event_time ? "event time" : "processing time"));
    d.properties.emplace_back("timers", config_.ttl_event_time
                                            ? "one event-time timer per key and expiry time"
                                            : "one processing-time timer per key and expiry time");
  } else {
    d.properties.emplace_back("state", "every row of both sides (unbounded; SET 'state.ttl')");
  }
  if (sides_[0].stored || sides_[1].stored)
    d.properties.emplace_back("rows",
                              fmt::format("left {}, right {}", sides_[0].stored, sides_[1].stored));
  return d;
}

}  // namespace eddy
