#include "state/operator_state.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "state/bytes.h"

namespace eddy {

namespace {

constexpr uint32_t kKeyGroupMagic = 0x3152474b;  // "KGR1"

// Key-group records count their keys and timers in u32.
bool get_u32_string(std::string_view& in, std::string_view& s) {
  uint32_t n = 0;
  if (!bytes::get(in, n) || in.size() < n) return false;
  s = in.substr(0, n);
  in.remove_prefix(n);
  return true;
}

void put_u32_string(std::string& out, std::string_view s) {
  bytes::put<uint32_t>(out, uint32_t(s.size()));
  out.append(s);
}

}  // namespace

// ---- declaring

void OperatorState::add(std::string name, void* field, size_t size, std::nullptr_t) {
  Value v{std::move(name)};
  v.save = [field, size](std::string& out) { out.append(static_cast<const char*>(field), size); };
  v.load = [field, size](std::string_view in) {
    if (in.size() != size) return false;
    std::memcpy(field, in.data(), size);
    return true;
  };
  values_.push_back(std::move(v));
}

void OperatorState::keyed(KeyedState& state, TimerService* timers) {
  keyed_ = &state;
  timers_ = timers;
  counter("keyed.next_sequence", state.next_sequence());
  // The names of the declared states, in order: a record is read back by position.
  Value layout{"keyed.layout"};
  layout.save = [&state](std::string& out) {
    for (const auto& s : state.states()) out += s->name() + ';';
  };
  layout.load = [&state](std::string_view in) {
    std::string expected;
    for (const auto& s : state.states()) expected += s->name() + ';';
    return in == expected;
  };
  values_.push_back(std::move(layout));
  if (timers) {
    Value clocks{"timers.clocks"};
    clocks.save = [timers](std::string& out) {
      bytes::put(out, timers->current_watermark());
      bytes::put(out, timers->current_processing_time());
    };
    clocks.load = [timers](std::string_view in) {
      Timestamp watermark = 0, processing = 0;
      if (!bytes::get(in, watermark) || !bytes::get(in, processing) || !in.empty()) return false;
      timers->reset(watermark, processing);
      return true;
    };
    values_.push_back(std::move(clocks));
  }
}

void encode_batch(const Batch& batch, std::string& out) {
  bytes::put<uint64_t>(out, batch.size());
  bytes::put<uint8_t>(out, !batch.kinds.empty());
  for (RowKind kind : batch.kinds) bytes::put(out, kind);
  bytes::put<uint8_t>(out, !batch.arrival_watermark.empty());
  for (Timestamp w : batch.arrival_watermark) bytes::put(out, w);
  std::vector<int> columns(batch.columns.size());
  for (size_t c = 0; c < columns.size(); ++c) columns[c] = int(c);
  for (size_t row = 0; row < batch.size(); ++row) encode_row(batch, columns, row, out);
}

bool decode_batch(std::string_view& in, Batch& batch) {
  batch.clear();
  uint64_t rows = 0;
  uint8_t has_kinds = 0, has_arrival = 0;
  if (!bytes::get(in, rows) || rows > in.size() || !bytes::get(in, has_kinds)) return false;
  batch.kinds.resize(has_kinds ? rows : 0);
  for (RowKind& kind : batch.kinds)
    if (!bytes::get(in, kind)) return false;
  if (!bytes::get(in, has_arrival)) return false;
  batch.arrival_watermark.resize(has_arrival ? rows : 0);
  for (Timestamp& w : batch.arrival_watermark)
    if (!bytes::get(in, w)) return false;
  for (uint64_t row = 0; row < rows; ++row)
    if (!decode_row(in, batch)) return false;
  return true;
}

void OperatorState::rows(std::string name, Batch& batch) {
  Value v{std::move(name)};
  v.save = [&batch](std::string& out) { encode_batch(batch, out); };
  v.load = [&batch](std::string_view in) { return decode_batch(in, batch) && in.empty(); };
  values_.push_back(std::move(v));
}

void OperatorState::key(std::string name, int64_t& key_id) {
  Value v{std::move(name)};
  v.save = [this, &key_id](std::string& out) {
    bytes::put<uint8_t>(out, key_id >= 0);
    if (key_id >= 0) out.append(keyed_->keys().bytes(KeyId(key_id)));
  };
  v.load = [this, &key_id](std::string_view in) {
    uint8_t present = 0;
    if (!bytes::get(in, present)) return false;
    key_id = -1;
    if (present) key_refs_.emplace_back(&key_id, std::string(in));
    return true;
  };
  values_.push_back(std::move(v));
}

// ---- a keyed exchange's instances

void OperatorState::fan_out(std::vector<OperatorState*> instances, std::function<int(int)> owner) {
  instances_ = std::move(instances);
  owner_ = std::move(owner);
}

// ---- checkpointing

void OperatorState::track_changes() {
  for (OperatorState* instance : instances_) instance->track_changes();
  if (!keyed_) return;
  keyed_->track_changes();
  if (timers_) timers_->track_changes(keyed_->changes());
}

std::string OperatorState::save_values() const {
  if (!instances_.empty()) {
    // The first instance's values, with each counter the sum over the instances (the same
    // layout as one instance's, see the top of the header).
    std::vector<std::vector<uint64_t>> saved;
    for (OperatorState* instance : instances_)
      for (size_t i = 0; i < instance->values_.size(); ++i) {
        const Value& v = instance->values_[i];
        if (!v.counter) continue;
        if (saved.size() <= i) saved.resize(i + 1);
        std::string bytes_of;
        v.save(bytes_of);
        saved[i].resize(bytes_of.size() / sizeof(uint64_t), 0);
        for (size_t w = 0; w < saved[i].size(); ++w) {
          uint64_t x = 0;
          std::memcpy(&x, bytes_of.data() + w * sizeof(uint64_t), sizeof x);
          saved[i][w] += x;
        }
      }
    const OperatorState& first = *instances_[0];
    std::string out;
    bytes::put<uint32_t>(out, uint32_t(first.values_.size()));
    std::string value;
    for (size_t i = 0; i < first.values_.size(); ++i) {
      const Value& v = first.values_[i];
      value.clear();
      if (v.counter)
        value.assign(reinterpret_cast<const char*>(saved[i].data()),
                     saved[i].size() * sizeof(uint64_t));
      else
        v.save(value);
      put_u32_string(out, v.name);
      bytes::put_string(out, value);
    }
    return out;
  }
  std::string out;
  bytes::put<uint32_t>(out, uint32_t(values_.size()));
  std::string value;
  for (const Value& v : values_) {
    value.clear();
    v.save(value);
    put_u32_string(out, v.name);
    bytes::put_string(out, value);
  }
  return out;
}

void OperatorState::index_timers() {
  timer_offsets_.assign(keyed_->keys().capacity() + 1, 0);
  timer_list_.clear();
  if (!timers_) return;
  // Counting sort by key: one pass to count, one to place.
  timers_->for_each_timer([&](TimeDomain, KeyId key, Timestamp) { ++timer_offsets_[key + 1]; });
  for (size_t i = 1; i < timer_offsets_.size(); ++i) timer_offsets_[i] += timer_offsets_[i - 1];
  timer_list_.resize(timer_offsets_.back());
  std::vector<uint32_t> next(timer_offsets_.begin(), timer_offsets_.end() - 1);
  timers_->for_each_timer([&](TimeDomain domain, KeyId key, Timestamp ts) {
    timer_list_[next[key]++] = {domain, ts};
  });
}

void OperatorState::save_record(KeyId id, std::string& out) const {
  put_u32_string(out, keyed_->keys().bytes(id));
  for (const auto& state : keyed_->states()) state->save_key(id, out);
  uint32_t begin = timer_offsets_[id], end = timer_offsets_[id + 1];
  for (TimeDomain domain : {TimeDomain::EventTime, TimeDomain::ProcessingTime}) {
    uint32_t count = 0;
    for (uint32_t i = begin; i < end; ++i) count += timer_list_[i].first == domain;
    bytes::put<uint32_t>(out, count);
    for (uint32_t i = begin; i < end; ++i)
      if (timer_list_[i].first == domain) bytes::put(out, timer_list_[i].second);
  }
}

void OperatorState::save_key_groups(bool changed_only, std::vector<KeyGroupState>& out) {
  if (!instances_.empty()) {
    // The instances own disjoint key groups: in group order, as one instance writes them.
    const size_t begin = out.size();
    for (OperatorState* instance : instances_) instance->save_key_groups(changed_only, out);
    std::stable_sort(
        out.begin() + begin, out.end(),
        [](const KeyGroupState& a, const KeyGroupState& b) { return a.key_group < b.key_group; });
    return;
  }
  if (!keyed_) return;
  index_timers();
  struct Group {
    uint32_t removed = 0, records = 0;
    std::string removed_bytes, record_bytes;
  };
  std::vector<Group> groups(kKeyGroups);
  const KeyIndex& keys = keyed_->keys();
  auto add_record = [&](KeyId id) {
    Group& group = groups[key_group_of_hash(keys.hash_of(keys.bytes(id)))];
    ++group.records;
    save_record(id, group.record_bytes);
  };
  if (changed_only) {
    std::string_view removed = keyed_->removed();
    for (uint32_t i = 0; i < keyed_->removed_count(); ++i) {
      std::string_view key;
      get_u32_string(removed, key);
      Group& group = groups[key_group_of_hash(keys.hash_of(key))];
      ++group.removed;
      put_u32_string(group.removed_bytes, key);
    }
    if (ChangedKeys* changed = keyed_->changes())
      for (KeyId id : changed->list())
        if (keys.live(id)) add_record(id);
  } else {
    for (KeyId id = 0; id < keys.capacity(); ++id)
      if (keys.live(id)) add_record(id);
  }
  keyed_->clear_changes();
  for (int g = 0; g < kKeyGroups; ++g) {
    Group& group = groups[g];
    if (group.removed == 0 && group.records == 0) continue;
    KeyGroupState state;
    state.key_group = g;
    state.keys = group.records;
    state.bytes.reserve(12 + group.removed_bytes.size() + group.record_bytes.size());
    bytes::put(state.bytes, kKeyGroupMagic);
    bytes::put(state.bytes, group.removed);
    bytes::put(state.bytes, group.records);
    state.bytes += group.removed_bytes;
    state.bytes += group.record_bytes;
    out.push_back(std::move(state));
  }
  timer_list_.clear();
  timer_list_.shrink_to_fit();
}

void OperatorState::describe(OperatorCheckpoint& out) const {
  if (!instances_.empty()) {
    for (OperatorState* instance : instances_) {
      OperatorCheckpoint one;
      instance->describe(one);
      out.keys += one.keys;
      out.state_bytes += one.state_bytes;
      out.timers += one.timers;
      out.next_event_timer = std::min(out.next_event_timer, one.next_event_timer);
      out.next_processing_timer = std::min(out.next_processing_timer, one.next_processing_timer);
    }
    return;
  }
  if (!keyed_) return;
  out.keys = keyed_->key_count();
  out.state_bytes = keyed_->memory_bytes();
  if (!timers_) return;
  out.state_bytes += timers_->memory_bytes();
  out.timers = timers_->event_timer_count() + timers_->processing_timer_count();
  out.next_event_timer = timers_->next_event_timer();
  out.next_processing_timer = timers_->next_processing_timer();
}

// ---- restoring

Status OperatorState::restore_values(std::string_view in) {
  if (!instances_.empty()) {
    // Every instance takes the values; the counters stay whole in the first only.
    for (size_t i = 0; i < instances_.size(); ++i) {
      if (Status s = instances_[i]->restore_values(in); !s) return s;
      if (i == 0) continue;
      for (Value& v : instances_[i]->values_)
        if (v.counter) std::memset(v.counter, 0, v.counter_size);
    }
    return {};
  }
  auto damaged = [](const std::string& what) {
    return Error{Error::Kind::Io, "operator state does not match this operator: " + what};
  };
  uint32_t count = 0;
  if (!bytes::get(in, count)) return damaged("truncated");
  std::vector<bool> seen(values_.size(), false);
  for (uint32_t i = 0; i < count; ++i) {
    std::string_view name, value;
    if (!get_u32_string(in, name) || !bytes::get_string(in, value)) return damaged("truncated");
    size_t index = 0;
    while (index < values_.size() && values_[index].name != name) ++index;
    if (index == values_.size()) return damaged(fmt::format("unknown value '{}'", name));
    if (!values_[index].load(value)) return damaged(fmt::format("value '{}' is malformed", name));
    seen[index] = true;
  }
  for (size_t i = 0; i < values_.size(); ++i)
    if (!seen[i]) return damaged(fmt::format("value '{}' is missing", values_[i].name));
  if (!in.empty()) return damaged("trailing bytes");
  return {};
}

Status OperatorState::restore_key_group(std::string_view in, int key_group) {
  if (!instances_.empty()) {
    if (key_group < 0 || key_group >= kKeyGroups)
      return Error{Error::Kind::Io, "keyed state of an unknown key group"};
    return instances_[owner_(key_group)]->restore_key_group(in, key_group);
  }
  auto damaged = [] {
    return Error{Error::Kind::Io, "keyed state does not match this operator: malformed record"};
  };
  if (!keyed_) return Error{Error::Kind::Io, "keyed state for an operator that has none"};
  uint32_t magic = 0, removed = 0, records = 0;
  if (!bytes::get(in, magic) || magic != kKeyGroupMagic || !bytes::get(in, removed) ||
      !bytes::get(in, records)) {
    return damaged();
  }
  for (uint32_t i = 0; i < removed; ++i) {
    std::string_view key;
    if (!get_u32_string(in, key) || !keyed_->keys().fits(key)) return damaged();
    if (int64_t id = keyed_->keys().find(key); id >= 0) {
      if (size_t(id) < restored_timers_.size()) restored_timers_[id] = {0, 0};
      keyed_->release(KeyId(id));
    }
  }
  for (uint32_t i = 0; i < records; ++i) {
    std::string_view key;
    if (!get_u32_string(in, key) || !keyed_->keys().fits(key)) return damaged();
    KeyId id = keyed_->restore_key(key);
    for (const auto& state : keyed_->states())
      if (!state->load_key(id, in)) return damaged();
    if (id >= restored_timers_.size()) restored_timers_.resize(std::max<size_t>(id + 1, 2 * id));
    const uint32_t begin = uint32_t(restored_timer_pool_.size());
    for (TimeDomain domain : {TimeDomain::EventTime, TimeDomain::ProcessingTime}) {
      uint32_t count = 0;
      if (!bytes::get(in, count) || count > in.size() / sizeof(Timestamp)) return damaged();
      for (uint32_t t = 0; t < count; ++t) {
        Timestamp ts = 0;
        bytes::get(in, ts);
        restored_timer_pool_.emplace_back(domain, ts);
      }
    }
    restored_timers_[id] = {begin, uint32_t(restored_timer_pool_.size()) - begin};
    if (restored_timers_[id].second > 0 && !timers_) return damaged();
  }
  if (!in.empty()) return damaged();
  return {};
}

Status OperatorState::finish_restore() {
  for (OperatorState* instance : instances_)
    if (Status s = instance->finish_restore(); !s) return s;
  if (timers_) {
    for (KeyId id = 0; id < restored_timers_.size(); ++id) {
      const auto [begin, count] = restored_timers_[id];
      for (uint32_t i = begin; i < begin + count; ++i) {
        const auto [domain, ts] = restored_timer_pool_[i];
        if (domain == TimeDomain::EventTime)
          timers_->register_event_timer(id, ts);
        else
          timers_->register_processing_timer(id, ts);
      }
    }
  }
  restored_timers_ = {};
  restored_timer_pool_ = {};
  for (auto& [field, bytes_of_key] : key_refs_) {
    *field = keyed_ ? keyed_->keys().find(bytes_of_key) : -1;
    if (*field < 0)
      return Error{Error::Kind::Io, "a key the operator refers to is not in its state"};
  }
  key_refs_.clear();
  if (keyed_) keyed_->clear_changes();
  return {};
}

}  // namespace eddy
