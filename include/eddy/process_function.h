// Process functions: keyed, stateful, timed logic in C++ that SQL calls as a table function — the
// seed's programming model (Flink's KeyedProcessFunction / KeyedCoProcessFunction) with
// processing-time timers too.
//
//   class CountWithTimeout : public eddy::KeyedProcessFunction {
//     eddy::ValueState<int64_t> count_;
//     eddy::ValueState<eddy::Timestamp> last_;
//     int64_t timeout_ = 0;
//    public:
//     void open(eddy::OpenContext& ctx) override {
//       count_ = ctx.value_state<int64_t>("count");
//       last_ = ctx.value_state<eddy::Timestamp>("last");
//       timeout_ = ctx.arguments().at(0).int_value();  // INTERVAL '1' MINUTE: milliseconds
//     }
//     void process_element(const eddy::Row&, eddy::Context& ctx, eddy::Collector&) override {
//       count_.update(count_.value_or(0) + 1);
//       last_.update(ctx.timestamp());
//       ctx.timers().register_event_time_timer(ctx.timestamp() + timeout_);
//     }
//     void on_timer(eddy::Timestamp at, eddy::Context& ctx, eddy::Collector& out) override {
//       if (last_.value_or(0) + timeout_ == at)
//       out.collect({eddy::Value::integer(*count_.value())});
//     }
//   };
//   engine.register_function("count_with_timeout", eddy::ProcessFunctionSpec{
//       {{"cnt", eddy::Type::int64()}}, {eddy::Type::interval()},
//       [] { return std::make_unique<CountWithTimeout>(); }});
//   engine.execute("SELECT * FROM count_with_timeout(TABLE logins PARTITION BY uid,"
//                  " INTERVAL '1' MINUTE)");
//
// Semantics (docs/api.md, "Process functions"):
//   - One instance per query. Its state is per key (the PARTITION BY columns): a state handle
//     reads and writes the value of the key being processed. State and timers are saved in the
//     query's checkpoints and restored with it.
//   - Elements arrive in arrival order, each with its row time (the input's time attribute), late
//     ones too: a process function sees every row. Event-time timers fire when the watermark
//     reaches them, in (time, key) order, before any row that arrives after that watermark;
//     processing-time timers when the processing clock does. At most one timer per key, domain
//     and time: registering it again does nothing. End of input fires every event-time timer
//     (the watermark becomes +infinity) and every pending processing-time timer, as
//     GROUP BY ... TIMEOUT ... ON PROCESSING TIME does.
//   - Output rows: the key columns, then the declared output columns, then `rowtime`, the
//     output's time attribute: the element's time in process_element, the timer's time in
//     on_timer (either domain). The output watermark is the input's.
//   - A C++ exception thrown by the function fails the query with its message.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "eddy/clock.h"
#include "eddy/export.h"
#include "eddy/types.h"

namespace eddy {

struct Batch;
class ProcessFunctionOperator;

// How a state type is saved in checkpoints. Provided for arithmetic types, enums, std::string,
// padding-free trivially copyable structs, and (by composition) std::vector / std::pair of them;
// specialise it for other types:
//   template <> struct eddy::Serializer<Point> {
//     static void write(const Point& p, std::string& out) { ... }
//     static bool read(std::string_view& in, Point& p) { ... }   // false: malformed
//   };
template <class T, class = void>
struct Serializer {
  static_assert(std::is_arithmetic_v<T> || std::is_enum_v<T> ||
                    (std::is_trivially_copyable_v<T> &&
                     std::has_unique_object_representations_v<T>),
                "specialise eddy::Serializer<T> for this state type");
  static void write(const T& value, std::string& out) {
    out.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  static bool read(std::string_view& in, T& value) {
    if (in.size() < sizeof(T)) return false;
    std::memcpy(&value, in.data(), sizeof(T));
    in.remove_prefix(sizeof(T));
    return true;
  }
};

template <>
struct Serializer<std::string> {
  static void write(const std::string& value, std::string& out) {
    Serializer<uint32_t>::write(uint32_t(value.size()), out);
    out += value;
  }
  static bool read(std::string_view& in, std::string& value) {
    uint32_t n = 0;
    if (!Serializer<uint32_t>::read(in, n) || in.size() < n) return false;
    value.assign(in.substr(0, n));
    in.remove_prefix(n);
    return true;
  }
};

template <class T>
struct Serializer<std::vector<T>> {
  static void write(const std::vector<T>& values, std::string& out) {
    Serializer<uint32_t>::write(uint32_t(values.size()), out);
    for (const T& v : values) Serializer<T>::write(v, out);
  }
  static bool read(std::string_view& in, std::vector<T>& values) {
    uint32_t n = 0;
    if (!Serializer<uint32_t>::read(in, n)) return false;
    values.clear();
    for (uint32_t i = 0; i < n; ++i) {
      T v{};
      if (!Serializer<T>::read(in, v)) return false;
      values.push_back(std::move(v));
    }
    return true;
  }
};

template <class A, class B>
struct Serializer<std::pair<A, B>> {
  static void write(const std::pair<A, B>& p, std::string& out) {
    Serializer<A>::write(p.first, out);
    Serializer<B>::write(p.second, out);
  }
  static bool read(std::string_view& in, std::pair<A, B>& p) {
    return Serializer<A>::read(in, p.first) && Serializer<B>::read(in, p.second);
  }
};

namespace detail {

// The storage of one declared state: a value per key id. The engine saves and restores it through
// this interface (in its checkpoints, with the key).
class EDDY_EXPORT StateSlot {
 public:
  virtual ~StateSlot() = default;
  virtual void resize(size_t keys) = 0;
  virtual void clear(uint32_t key) = 0;
  virtual bool empty(uint32_t key) const = 0;
  virtual void save(uint32_t key, std::string& out) const = 0;
  virtual bool load(uint32_t key, std::string_view& in) = 0;
  virtual size_t memory_bytes() const = 0;
};

// Per key a T, or nothing (the layout of ValueState, ListState and MapState: T is the value, the
// list, the map). Empty values (an empty list or map) count as absent.
template <class T>
class Slot final : public StateSlot {
 public:
  std::vector<std::optional<T>> values;
  void resize(size_t keys) override {
    if (keys > values.size()) values.resize(keys);
  }
  void clear(uint32_t key) override { values[key].reset(); }
  bool empty(uint32_t key) const override { return !values[key].has_value(); }
  void save(uint32_t key, std::string& out) const override {
    Serializer<T>::write(*values[key], out);
  }
  bool load(uint32_t key, std::string_view& in) override {
    T value{};
    if (!Serializer<T>::read(in, value)) return false;
    values[key] = std::move(value);
    return true;
  }
  size_t memory_bytes() const override { return values.capacity() * sizeof(std::optional<T>); }
};

// What a state handle reads: its slot and the id of the key being processed.
template <class T>
struct StateRef {
  Slot<T>* slot = nullptr;
  const uint32_t* key = nullptr;
  std::optional<T>& cell() const { return slot->values[*key]; }
};

}  // namespace detail

template <class K, class V>
struct Serializer<std::map<K, V>> {
  static void write(const std::map<K, V>& map, std::string& out) {
    Serializer<uint32_t>::write(uint32_t(map.size()), out);
    for (const auto& [k, v] : map) Serializer<K>::write(k, out), Serializer<V>::write(v, out);
  }
  static bool read(std::string_view& in, std::map<K, V>& map) {
    uint32_t n = 0;
    if (!Serializer<uint32_t>::read(in, n)) return false;
    map.clear();
    for (uint32_t i = 0; i < n; ++i) {
      K k{};
      V v{};
      if (!Serializer<K>::read(in, k) || !Serializer<V>::read(in, v)) return false;
      map.emplace(std::move(k), std::move(v));
    }
    return true;
  }
};

// The current key's value (Flink's ValueState). Handles come from OpenContext::value_state.
template <class T>
class ValueState {
 public:
  ValueState() = default;
  // The value, or nullopt when the key has none.
  std::optional<T> value() const { return ref_.cell(); }
  T value_or(T fallback) const {
    const auto& cell = ref_.cell();
    return cell ? *cell : fallback;
  }
  bool has_value() const { return ref_.cell().has_value(); }
  void update(T value) { ref_.cell() = std::move(value); }
  void clear() { ref_.cell().reset(); }

 private:
  friend class OpenContext;
  explicit ValueState(detail::StateRef<T> ref) : ref_(ref) {}
  detail::StateRef<T> ref_;
};

// The current key's list (Flink's ListState).
template <class T>
class ListState {
 public:
  ListState() = default;
  // The elements in the order added (empty when none).
  const std::vector<T>& get() const {
    static const std::vector<T> kEmpty;
    const auto& cell = ref_.cell();
    return cell ? *cell : kEmpty;
  }
  void add(T value) {
    auto& cell = ref_.cell();
    if (!cell) cell.emplace();
    cell->push_back(std::move(value));
  }
  // Replaces the list (an empty list clears it).
  void update(std::vector<T> values) {
    if (values.empty()) return clear();
    ref_.cell() = std::move(values);
  }
  void clear() { ref_.cell().reset(); }

 private:
  friend class OpenContext;
  explicit ListState(detail::StateRef<std::vector<T>> ref) : ref_(ref) {}
  detail::StateRef<std::vector<T>> ref_;
};

// The current key's map (Flink's MapState), iterated in key order.
template <class K, class V>
class MapState {
 public:
  MapState() = default;
  std::optional<V> get(const K& key) const {
    const auto& cell = ref_.cell();
    if (!cell) return std::nullopt;
    auto it = cell->find(key);
    return it == cell->end() ? std::nullopt : std::optional<V>(it->second);
  }
  bool contains(const K& key) const {
    const auto& cell = ref_.cell();
    return cell && cell->count(key) > 0;
  }
  void put(K key, V value) {
    auto& cell = ref_.cell();
    if (!cell) cell.emplace();
    (*cell)[std::move(key)] = std::move(value);
  }
  void remove(const K& key) {
    auto& cell = ref_.cell();
    if (!cell) return;
    cell->erase(key);
    if (cell->empty()) cell.reset();
  }
  bool empty() const { return !ref_.cell().has_value(); }
  // Every entry, in key order (empty when none).
  const std::map<K, V>& entries() const {
    static const std::map<K, V> kEmpty;
    const auto& cell = ref_.cell();
    return cell ? *cell : kEmpty;
  }
  void clear() { ref_.cell().reset(); }

 private:
  friend class OpenContext;
  explicit MapState(detail::StateRef<std::map<K, V>> ref) : ref_(ref) {}
  detail::StateRef<std::map<K, V>> ref_;
};

// A read-only row: an input element, or the current key. Valid during the call it is passed to.
class EDDY_EXPORT Row {
 public:
  size_t size() const { return columns_ ? columns_->size() : fields_->size(); }
  const Field& field(size_t col) const { return (*fields_)[col]; }
  // The position of a column by name (case-insensitive), or -1.
  int index(std::string_view name) const;
  bool is_null(size_t col) const;
  int64_t int_value(size_t col) const;  // every int64-backed type (BIGINT, TIMESTAMP, ...)
  double double_value(size_t col) const;
  std::string_view string_value(size_t col) const;
  bool bool_value(size_t col) const { return int_value(col) != 0; }
  Value value(size_t col) const;

 private:
  friend class ProcessFunctionOperator;
  size_t column(size_t col) const { return columns_ ? size_t((*columns_)[col]) : col; }
  const Batch* batch_ = nullptr;
  size_t row_ = 0;
  const std::vector<Field>* fields_ = nullptr;
  const std::vector<int>* columns_ = nullptr;  // the row's columns in the batch; null: all
};

// Registers and deletes the current key's timers (Flink's TimerService).
class EDDY_EXPORT Timers {
 public:
  void register_event_time_timer(Timestamp time);
  void register_processing_time_timer(Timestamp time);
  void delete_event_time_timer(Timestamp time);
  void delete_processing_time_timer(Timestamp time);

 private:
  friend class ProcessFunctionOperator;
  ProcessFunctionOperator* op_ = nullptr;
};

// What a call knows besides its row: the key, the times, the timers.
class EDDY_EXPORT Context {
 public:
  const Row& key() const { return *key_; }
  // process_element: the element's row time; on_timer: the timer's time.
  Timestamp timestamp() const { return timestamp_; }
  // on_timer: which clock the timer was set on (process_element: EventTime).
  TimeDomain time_domain() const { return domain_; }
  // process_element2 of a co-process function: 1; otherwise 0.
  int input() const { return input_; }
  Timestamp current_watermark() const;
  Timestamp current_processing_time() const;
  Timers& timers() { return timers_; }

 private:
  friend class ProcessFunctionOperator;
  const Row* key_ = nullptr;
  Timestamp timestamp_ = 0;
  TimeDomain domain_ = TimeDomain::EventTime;
  int input_ = 0;
  Timers timers_;
  ProcessFunctionOperator* op_ = nullptr;
};

// Where output rows go.
class EDDY_EXPORT Collector {
 public:
  // One row of the declared output columns, in order; the key columns in front and the rowtime
  // are added. Each value must be NULL (into a nullable column) or of the column's type (an
  // integer fits INT, BIGINT; a string a STRING, ...); anything else fails the query with an
  // error naming the function and the column.
  void collect(const std::vector<Value>& values) { collect(values.data(), values.size()); }
  void collect(std::initializer_list<Value> values) { collect(values.begin(), values.size()); }
  void collect(const Value* values, size_t count);

 private:
  friend class ProcessFunctionOperator;
  ProcessFunctionOperator* op_ = nullptr;
};

// What open() gets: where state is declared, and the SQL call's constant arguments.
class EDDY_EXPORT OpenContext {
 public:
  // Declares a state by name (unique within the function); declare every state in open().
  template <class T>
  ValueState<T> value_state(std::string name) {
    return ValueState<T>(declare<T>(std::move(name)));
  }
  template <class T>
  ListState<T> list_state(std::string name) {
    return ListState<T>(declare<std::vector<T>>(std::move(name)));
  }
  template <class K, class V>
  MapState<K, V> map_state(std::string name) {
    return MapState<K, V>(declare<std::map<K, V>>(std::move(name)));
  }
  // The constant arguments after the TABLE argument(s), converted to the declared types
  // (an INTERVAL is its milliseconds: int_value()).
  const std::vector<Value>& arguments() const { return *arguments_; }

 private:
  friend class ProcessFunctionOperator;
  template <class T>
  detail::StateRef<T> declare(std::string name) {
    auto slot = std::make_unique<detail::Slot<T>>();
    auto* raw = slot.get();
    add(std::move(name), std::move(slot));
    return {raw, key_};
  }
  void add(std::string name, std::unique_ptr<detail::StateSlot> slot);
  ProcessFunctionOperator* op_ = nullptr;
  const uint32_t* key_ = nullptr;
  const std::vector<Value>* arguments_ = nullptr;
};

// One input, partitioned by key: SELECT * FROM f(TABLE t PARTITION BY k, args...).
class EDDY_EXPORT KeyedProcessFunction {
 public:
  virtual ~KeyedProcessFunction() = default;
  virtual void open(OpenContext& /*ctx*/) {}
  virtual void process_element(const Row& row, Context& ctx, Collector& out) = 0;
  virtual void on_timer(Timestamp /*time*/, Context& /*ctx*/, Collector& /*out*/) {}
};

// Two inputs partitioned by keys of the same types, sharing the key's state and timers:
// SELECT * FROM f(TABLE a PARTITION BY k, TABLE b PARTITION BY k, args...).
class EDDY_EXPORT KeyedCoProcessFunction {
 public:
  virtual ~KeyedCoProcessFunction() = default;
  virtual void open(OpenContext& /*ctx*/) {}
  virtual void process_element1(const Row& row, Context& ctx, Collector& out) = 0;
  virtual void process_element2(const Row& row, Context& ctx, Collector& out) = 0;
  virtual void on_timer(Timestamp /*time*/, Context& /*ctx*/, Collector& /*out*/) {}
};

// How a process function is registered (Engine::register_function).
struct ProcessFunctionSpec {
  std::vector<Field> output;    // the columns it collects
  std::vector<Type> arguments;  // constant arguments after the TABLE argument
  // Called once per instance: at 'parallelism' N a function with a PARTITION BY runs as N
  // instances, each owning a range of the key groups, each with its own object from make() and
  // its own share of the keyed state and timers (the output is that of one instance). The
  // objects must not share anything mutable (a counter, a file, a cache) without a lock; one that
  // does sets `single_instance`.
  std::function<std::unique_ptr<KeyedProcessFunction>()> make;
  // Run as one instance whatever 'parallelism' (make() is called once per query).
  bool single_instance = false;
};
struct CoProcessFunctionSpec {
  std::vector<Field> output;
  std::vector<Type> arguments;  // after the two TABLE arguments
  std::function<std::unique_ptr<KeyedCoProcessFunction>()> make;
};

}  // namespace eddy
