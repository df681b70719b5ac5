// What an operator checkpoints, declared once, where the operator is built: its keyed state and
// timers (saved per key, laid out by key group) and its small named values (watermarks, counters,
// buffered rows). The checkpoint code saves and restores any operator through this alone, the
// way Flink's AbstractStreamOperator reaches every operator's state through its backends, so no
// operator writes its own snapshot code and nothing it declares can be forgotten.
//
//   TimeSort::TimeSort(...) {
//     checkpointed_.value("released", released_);
//     checkpointed_.rows("store", store_);
//   }
//
// Key-group blob (one per key group with anything in it), little-endian:
//   u32 magic "KGR1", u32 removed keys R, u32 records N,
//   R x (u32 length, key bytes)                          keys removed (deltas only)
//   N x (u32 length, key bytes, each declared state's save_key() in declaration order,
//        u32 event-time timers, i64 each, u32 processing-time timers, i64 each)
// A delta's removals apply before its records (a key removed and seen again is both). A key's
// group is key_group_of_hash of its key index's hash (stable across builds and machines).
//
// A keyed exchange (operators/keyed_exchange.h) runs several instances of one operator and saves
// them as one (fan_out): their key groups are disjoint; their values are equal in every instance
// (watermarks, fired-to times: every instance sees every watermark) except those declared as
// counters, which are summed. So the checkpoint has the layout of a single instance's and
// restores at any parallelism: counters go whole to the first instance, each key group to the
// instance owning it now.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "eddy/error.h"
#include "runtime/batch.h"
#include "state/checkpoint.h"
#include "state/keyed_state.h"
#include "state/timer_service.h"

namespace eddy {

// Rows with their kinds and arrival watermarks, for checkpoints (the batch to decode into must
// have its columns' types).
void encode_batch(const Batch& batch, std::string& out);
bool decode_batch(std::string_view& in, Batch& batch);

class OperatorState {
 public:
  OperatorState() = default;
  OperatorState(const OperatorState&) = delete;
  OperatorState& operator=(const OperatorState&) = delete;

  // ---- declaring (in the operator's constructor; the fields must outlive this object)
  // The operator's keyed state and, if it has any, its timers (saved with their key).
  void keyed(KeyedState& state, TimerService* timers = nullptr);
  // A trivially copyable field, saved as its bytes. It must have no padding (padding bytes are
  // indeterminate, so equal state would give different checkpoint bytes and checksums).
  template <class T>
  void value(std::string name, T& field) {
    static_assert(std::is_trivially_copyable_v<T>);
    static_assert(std::has_unique_object_representations_v<T>, "a type with padding");
    add(std::move(name), &field, sizeof(T), nullptr);
  }
  // A count or a struct of 64-bit counts (metrics, rows seen) that differs between the instances
  // of a keyed exchange: saved as their sum, restored into the first instance (see the top).
  template <class T>
  void counter(std::string name, T& field) {
    static_assert(std::is_trivially_copyable_v<T> && sizeof(T) % sizeof(uint64_t) == 0);
    static_assert(std::has_unique_object_representations_v<T>, "a type with padding");
    add(std::move(name), &field, sizeof(T), nullptr);
    values_.back().counter = &field;
    values_.back().counter_size = sizeof(T);
  }
  // A vector of trivially copyable elements (without padding, as for value()).
  template <class T>
  void values(std::string name, std::vector<T>& field) {
    static_assert(std::is_trivially_copyable_v<T>);
    static_assert(std::has_unique_object_representations_v<T>, "a type with padding");
    Value v{std::move(name)};
    v.save = [&field](std::string& out) {
      out.append(reinterpret_cast<const char*>(field.data()), field.size() * sizeof(T));
    };
    v.load = [&field](std::string_view in) {
      if (in.size() % sizeof(T) != 0) return false;
      field.resize(in.size() / sizeof(T));
      if (!in.empty()) std::memcpy(field.data(), in.data(), in.size());
      return true;
    };
    values_.push_back(std::move(v));
  }
  // Rows an operator buffers outside keyed state (with their kinds and arrival watermarks). The
  // batch's columns must already have their types.
  void rows(std::string name, Batch& batch);
  // A KeyId of the keyed state, or -1: saved as the key's bytes, found again after a restore
  // (ids are not kept across restores).
  void key(std::string name, int64_t& key_id);

  // ---- a keyed exchange's instances, saved and restored as one (see the top). `owner` gives the
  // index of the instance that owns a key group. The instances' states must outlive this.
  void fan_out(std::vector<OperatorState*> instances, std::function<int(int)> owner);

  // ---- checkpointing (the driver)
  bool has_keyed() const {
    return keyed_ != nullptr || (!instances_.empty() && instances_[0]->has_keyed());
  }
  // From now on record which keys change, so save_key_groups can write only those.
  void track_changes();
  std::string save_values() const;
  // Appends one entry per key group with anything to write: every live key (full), or the keys
  // changed and removed since the previous call (changed_only, after track_changes()). Either
  // way the record of changes starts again empty.
  void save_key_groups(bool changed_only, std::vector<KeyGroupState>& out);
  // Live keys, timers and the earliest timers, for inspect.
  void describe(OperatorCheckpoint& out) const;

  // Restoring a freshly built operator: its values, then every key-group blob of the chain in
  // order (base, then deltas), then finish. Errors describe what does not match.
  Status restore_values(std::string_view bytes);
  // A hint before the key groups: about how many keys are coming (OperatorCheckpoint::keys).
  void reserve_keys(size_t keys) {
    if (keyed_) keyed_->reserve(keys);
    for (OperatorState* instance : instances_) instance->reserve_keys(keys / instances_.size());
  }
  // `key_group`: the group the blob holds (-1: unknown; a fanned-out state needs it).
  Status restore_key_group(std::string_view bytes, int key_group = -1);
  Status finish_restore();

 private:
  struct Value {
    explicit Value(std::string n) : name(std::move(n)) {}
    std::string name;
    std::function<void(std::string&)> save;
    std::function<bool(std::string_view)> load;
    void* counter = nullptr;  // counter(): the field, summed over a keyed exchange's instances
    size_t counter_size = 0;
  };
  void add(std::string name, void* field, size_t size, std::nullptr_t);
  // Appends the record of live key `id` (its bytes, states, timers from timer_index_).
  void save_record(KeyId id, std::string& out) const;
  void index_timers();

  std::vector<Value> values_;
  KeyedState* keyed_ = nullptr;
  TimerService* timers_ = nullptr;
  // Timers grouped by key while saving: timer_offsets_[id] .. [id + 1) in timer_list_.
  std::vector<uint32_t> timer_offsets_;
  std::vector<std::pair<TimeDomain, Timestamp>> timer_list_;
  // Restoring: per key id, where its timers are in restored_timer_pool_ (begin, count); a later
  // record of the key points elsewhere. Registered once every key is back. Then the bytes of
  // declared key references, resolved at the same time.
  std::vector<std::pair<uint32_t, uint32_t>> restored_timers_;
  std::vector<std::pair<TimeDomain, Timestamp>> restored_timer_pool_;
  std::vector<std::pair<int64_t*, std::string>> key_refs_;
  // fan_out: the instances this state stands for, and the owner of each key group.
  std::vector<OperatorState*> instances_;
  std::function<int(int)> owner_;
};

}  // namespace eddy
