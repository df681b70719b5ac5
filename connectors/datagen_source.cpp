// The datagen connector (Flink's, plus a seed): rows generated per column, deterministic.
//
// Options
//   'rows-per-second'   default 10000, paced by the query's clock (ConnectorContext::clock):
//                       row i is due at t0 + ceil(i * 1000 / rate), t0 being the clock at the
//                       first next(); a call emits every due row (up to max_rows), so a slow
//                       consumer catches up in bursts. '0' means unlimited (as fast as asked).
//                       A source resumed from a checkpoint paces from its first next() again:
//                       the rows it continues with are due from then on, not all at once.
//   'number-of-rows'    total rows; absent = unbounded (unless a sequence column ends first).
//   'seed'              default 0. Each column draws from its own splitmix64 stream seeded from
//                       (seed, column position), so the values do not depend on batch sizes.
// Per column 'fields.<col>.<property>':
//   kind       'random' (default) or 'sequence'
//   min, max   random INT / BIGINT / INTERVAL (defaults: the type's range; INTERVAL 0..1 day in
//              ms), DOUBLE (default [0, 1)), DECIMAL (default: every value of its precision)
//   max-past   random TIMESTAMP: a duration; the value is the clock's now() at the next() call
//              minus a uniform amount in [0, max-past] (default 0: exactly now, which a
//              ManualClock makes deterministic). Random DATE and TIME columns are that
//              timestamp's date and time of day (Flink's: the current date, the current time).
//   length     random STRING length (default 10; characters [a-z0-9])
//   start, end sequence bounds, inclusive; 'end' is optional (eddy: unbounded sequence). For
//              TIMESTAMP they are timestamps ('2024-01-01 00:00:00'), for DATE dates
//              ('2024-01-31'), for TIME times ('10:00:00', never past 23:59:59.999); for STRING
//              the sequence is of numbers written as text. The source ends after the shortest
//              sequence.
//   step       sequence increment: a number (default 1; for DATE a number of days), or for
//              TIMESTAMP and TIME a duration (default '1 s')
//   null-rate  fraction of NULLs in [0, 1] (default 0; only for nullable columns)
// BOOLEAN columns are random true/false; sequences of BOOLEAN are rejected.
// Values stay in their column's type: 'min', 'max', 'start', 'end' and 'step' outside it are
// errors at CREATE, and a sequence without 'end' that would leave it (an INT sequence past
// 2147483647) generates the rows before that, then fails rather than wrap.
//
// Checkpoints: the position is the number of rows produced, and its state every column's random
// stream, so a source opened with the same options and seek()ed there produces exactly the rows
// this one would have produced next (random TIMESTAMPs still read the clock).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "connectors/factories.h"
#include "connectors/pacer.h"
#include "connectors/value_parse.h"
#include "expr/time_util.h"
#include "runtime/failure.h"
#include "runtime/suggest.h"
#include "state/bytes.h"

namespace eddy {

namespace {

constexpr const char* kFieldProperties[] = {"kind",  "min", "max",  "max-past", "length",
                                            "start", "end", "step", "null-rate"};

inline uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Uniform in [lo, hi] (inclusive) without modulo bias worth caring about (Lemire's multiply).
inline int64_t uniform_int(uint64_t& state, int64_t lo, int64_t hi) {
  const uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;
  const uint64_t r = splitmix64(state);
  if (span == 0) return static_cast<int64_t>(r);  // the full 64-bit range
  const uint64_t offset = static_cast<uint64_t>((static_cast<unsigned __int128>(r) * span) >> 64);
  return static_cast<int64_t>(static_cast<uint64_t>(lo) + offset);
}

// Uniform in [0, 1).
inline double uniform_unit(uint64_t& state) {
  return static_cast<double>(splitmix64(state) >> 11) * 0x1.0p-53;
}

struct ColumnGen {
  bool sequence = false;
  // random ranges
  int64_t int_min = 0, int_max = 0;
  double double_min = 0, double_max = 1;
  int64_t max_past = 0;
  size_t length = 10;
  // sequences: value of row i = start + i * step, in the column's representation
  int64_t int_start = 0, int_step = 1;
  double double_start = 0, double_step = 1;
  uint64_t sequence_rows = UINT64_MAX;  // rows until the sequence passes 'end'
  double null_rate = 0;
  uint64_t state = 0;
};

struct DatagenConfig {
  int64_t rows_per_second = 10000;
  uint64_t total_rows = UINT64_MAX;  // the smaller of number-of-rows and the sequences
  int64_t seed = 0;
  std::vector<ColumnGen> columns;
  // An unbounded sequence may run out of its column's type (an INT sequence past 2147483647):
  // the rows before that are generated, the next one is an error rather than a wrapped value.
  uint64_t in_range_rows = UINT64_MAX;
  std::string overflow_message;  // why row `in_range_rows` cannot be generated
};

// Splits "fields.<col>.<property>"; false when `key` is not of that shape.
bool split_field_key(const std::string& key, std::string& column, std::string& property) {
  constexpr std::string_view kPrefix = "fields.";
  if (key.size() <= kPrefix.size() || key.compare(0, kPrefix.size(), kPrefix) != 0) return false;
  const size_t dot = key.rfind('.');
  if (dot <= kPrefix.size()) return false;
  column = key.substr(kPrefix.size(), dot - kPrefix.size());
  property = key.substr(dot + 1);
  return true;
}

int64_t type_min(const Type& type) {
  switch (type.id) {
    case TypeId::Int:
      return std::numeric_limits<int32_t>::min();
    case TypeId::Interval:
      return 0;
    case TypeId::Decimal: {
      const int p = type.precision == 0 || type.precision > 18 ? 18 : type.precision;
      int64_t v = 1;
      for (int i = 0; i < p; ++i) v *= 10;
      return -(v - 1);
    }
    default:
      return std::numeric_limits<int64_t>::min();
  }
}

int64_t type_max(const Type& type) {
  switch (type.id) {
    case TypeId::Int:
      return std::numeric_limits<int32_t>::max();
    case TypeId::Interval:
      return 86'400'000;
    case TypeId::Decimal:
      return -type_min(type);
    default:
      return std::numeric_limits<int64_t>::max();
  }
}

// The largest value a sequence may reach in a column of `type` (DECIMAL: unscaled).
int64_t sequence_max(const Type& type) {
  switch (type.id) {
    case TypeId::Int:
    case TypeId::Decimal:
      return type_max(type);
    case TypeId::Date:
      return kMaxDateDays;
    case TypeId::Time:
      return kMillisPerDay - 1;
    default:
      return std::numeric_limits<int64_t>::max();
  }
}

// Parses and checks every option; the one place that knows their meaning.
Status build_config(const ConnectorContext& context, DatagenConfig& config) {
  const Schema& schema = context.schema;
  auto error = [&](const std::string& message, const std::string& key = "") -> Status {
    return option_error(context, message, key);
  };
  auto count_option = [&](const char* key, int64_t fallback) {
    int64_t v = fallback;
    auto it = context.options.find(key);
    if (it != context.options.end()) (void)parse_int64_text(trim_blanks(it->second), v);
    return v;
  };
  config.rows_per_second = count_option("rows-per-second", 10000);
  config.seed = count_option("seed", 0);
  if (context.options.count("number-of-rows")) {
    config.total_rows = static_cast<uint64_t>(count_option("number-of-rows", 0));
  }

  // Gather 'fields.<col>.<property>' per column.
  std::vector<std::map<std::string, std::string>> props(schema.size());
  std::vector<std::string> column_names;
  for (const auto& f : schema.fields) column_names.push_back(f.name);
  const std::vector<std::string> property_names(std::begin(kFieldProperties),
                                                std::end(kFieldProperties));
  for (const auto& [key, value] : context.options) {
    std::string column, property;
    if (!split_field_key(key, column, property)) continue;
    const int c = schema.find(column);
    if (c < 0) {
      return error(fmt::format("option '{}' names no column '{}'{}", key, column,
                               did_you_mean(column, column_names)),
                   key);
    }
    if (std::find(property_names.begin(), property_names.end(), property) == property_names.end()) {
      return error(fmt::format("unknown option '{}': no datagen property '{}'{}", key, property,
                               did_you_mean(property, property_names)),
                   key);
    }
    props[static_cast<size_t>(c)][property] = value;
  }

  config.columns.resize(schema.size());
  uint64_t seed_state = static_cast<uint64_t>(config.seed);
  for (size_t c = 0; c < schema.size(); ++c) {
    const Field& field = schema[c];
    const Type& type = field.type;
    ColumnGen& gen = config.columns[c];
    gen.state = splitmix64(seed_state);
    auto& p = props[c];
    auto key = [&](const char* property) {
      return fmt::format("fields.{}.{}", field.name, property);
    };
    auto has = [&](const char* property) { return p.count(property) > 0; };
    auto bad = [&](const char* property, const std::string& what) {
      return error(fmt::format("option '{}' = '{}': {}", key(property), p[property], what),
                   key(property));
    };
    // Parses a number in the column's representation.
    auto number = [&](const char* property, int64_t& i, double& d) -> Status {
      const std::string_view text = trim_blanks(p[property]);
      ParseStatus st;
      if (type.id == TypeId::Double) {
        st = parse_double_text(text, d);
      } else if (type.id == TypeId::Decimal) {
        st = parse_decimal_text(text, type.precision, type.scale, i);
      } else if (type.id == TypeId::Int) {
        st = parse_int32_text(text, i);
      } else {
        st = parse_int64_text(text, i);
      }
      if (st != ParseStatus::Ok) {
        return bad(property,
                   parse_error_text(st, text, type.id == TypeId::String ? Type::int64() : type));
      }
      return Status::ok();
    };

    const std::string kind = to_lower(p.count("kind") ? p["kind"] : "random");
    if (kind != "random" && kind != "sequence") {
      return bad("kind", "expected 'random' or 'sequence'");
    }
    gen.sequence = kind == "sequence";
    const bool numeric = type.is_numeric() || type.id == TypeId::Interval;
    for (const char* property : {"min", "max"}) {
      if (has(property) && (gen.sequence || !numeric)) {
        return bad(property, gen.sequence ? "applies only to 'kind' = 'random'"
                                          : "applies only to numeric columns");
      }
    }
    if (has("max-past") && (gen.sequence || !type.is_datetime())) {
      return bad("max-past", "applies only to random TIMESTAMP, DATE and TIME columns");
    }
    if (has("length") && (gen.sequence || type.id != TypeId::String)) {
      return bad("length", "applies only to random STRING columns");
    }
    for (const char* property : {"start", "end", "step"}) {
      if (has(property) && !gen.sequence) {
        return bad(property, "applies only to 'kind' = 'sequence'");
      }
    }
    if (has("null-rate")) {
      double rate = 0;
      if (parse_double_text(trim_blanks(p["null-rate"]), rate) != ParseStatus::Ok ||
          !(rate >= 0 && rate <= 1)) {
        return bad("null-rate", "expected a number between 0 and 1");
      }
      if (rate > 0 && !field.nullable) return bad("null-rate", "the column is NOT NULL");
      gen.null_rate = rate;
    }

    if (!gen.sequence) {
      gen.int_min = type_min(type);
      gen.int_max = type_max(type);
      if (numeric) {
        double unused = 0;
        if (has("min")) {
          Status s =
              number("min", gen.int_min, type.id == TypeId::Double ? gen.double_min : unused);
          if (!s) return s;
        }
        if (has("max")) {
          Status s =
              number("max", gen.int_max, type.id == TypeId::Double ? gen.double_max : unused);
          if (!s) return s;
        }
        const bool inverted =
            type.id == TypeId::Double ? gen.double_min > gen.double_max : gen.int_min > gen.int_max;
        if (inverted) return bad("min", "is greater than 'max'");
      }
      if (has("max-past")) {
        if (!parse_duration(p["max-past"], gen.max_past) || gen.max_past < 0) {
          return bad("max-past", "expected a duration such as '10 s'");
        }
      }
      if (has("length")) {
        int64_t n = 0;
        if (parse_int64_text(trim_blanks(p["length"]), n) != ParseStatus::Ok || n < 0 ||
            n > (1 << 20)) {
          return bad("length", "expected a length between 0 and 1048576");
        }
        gen.length = static_cast<size_t>(n);
      }
      continue;
    }

    // Sequences.
    if (type.id == TypeId::Boolean || type.id == TypeId::Null) {
      return bad("kind", fmt::format("a sequence cannot generate {}", type.to_string()));
    }
    if (!has("start")) {
      return error(fmt::format("'{}' = 'sequence' needs '{}'", key("kind"), key("start")));
    }
    const bool timestamp = type.id == TypeId::Timestamp;
    const bool floating = type.id == TypeId::Double;
    double double_end = 0;
    int64_t int_end = 0;
    // start and end of a TIMESTAMP, DATE or TIME sequence, read by `parse`.
    auto time_bounds = [&](bool (*parse)(std::string_view, int64_t&),
                           const char* example) -> Status {
      if (!parse(p["start"], gen.int_start)) return bad("start", example);
      if (has("end") && !parse(p["end"], int_end)) return bad("end", example);
      return {};
    };
    if (timestamp || type.id == TypeId::Time) {
      Status s = timestamp ? time_bounds(parse_timestamp,
                                         "expected a timestamp such as '2024-01-01 00:00:00'")
                           : time_bounds(parse_time, "expected a time such as '10:00:00'");
      if (!s) return s;
      gen.int_step = 1000;
      if (has("step") && (!parse_duration(p["step"], gen.int_step) || gen.int_step <= 0)) {
        return bad("step", "expected a positive duration such as '1 s'");
      }
    } else if (type.id == TypeId::Date) {
      Status s = time_bounds(parse_date, "expected a date such as '2024-01-31'");
      if (!s) return s;
      if (has("step") &&
          (parse_int64_text(trim_blanks(p["step"]), gen.int_step) != ParseStatus::Ok ||
           gen.int_step <= 0)) {
        return bad("step", "expected a positive number of days");
      }
    } else {
      // STRING sequences count in BIGINT (see `number`).
      Status s = number("start", gen.int_start, gen.double_start);
      if (!s) return s;
      if (has("end")) {
        s = number("end", int_end, double_end);
        if (!s) return s;
      }
      if (type.id == TypeId::Decimal) {
        gen.int_step = 1;
        for (int i = 0; i < type.scale; ++i) gen.int_step *= 10;  // one unit
      }
      if (has("step")) {
        s = number("step", gen.int_step, gen.double_step);
        if (!s) return s;
        if (floating ? !(gen.double_step > 0) : gen.int_step <= 0) {
          return bad("step", "expected a positive step");
        }
      }
    }
    if (has("end")) {
      if (floating) {
        if (double_end < gen.double_start) return bad("end", "is before 'start'");
        gen.sequence_rows =
            static_cast<uint64_t>(std::floor((double_end - gen.double_start) / gen.double_step)) +
            1;
      } else {
        if (int_end < gen.int_start) return bad("end", "is before 'start'");
        const unsigned __int128 span =
            static_cast<unsigned __int128>(static_cast<__int128>(int_end) - gen.int_start);
        gen.sequence_rows = static_cast<uint64_t>(span / static_cast<uint64_t>(gen.int_step)) + 1;
      }
      config.total_rows = std::min(config.total_rows, gen.sequence_rows);
    } else if (!floating) {
      // 'start' and 'step' are in range (parsed for the type); the values after some row may
      // not be.
      const int64_t max = sequence_max(type);
      const unsigned __int128 in_range =
          static_cast<unsigned __int128>(static_cast<__int128>(max) - gen.int_start) /
              static_cast<uint64_t>(gen.int_step) +
          1;
      if (in_range < config.in_range_rows) {
        config.in_range_rows = static_cast<uint64_t>(in_range);
        // STRING sequences count in BIGINT (see `number`).
        const Type counted = type.id == TypeId::String ? Type::int64() : type;
        const std::string largest = type.id == TypeId::Int || type.id == TypeId::BigInt
                                        ? std::to_string(max)
                                        : Value::integer(max, counted).to_string();
        config.overflow_message = fmt::format(
            "the sequence of column '{}' (from '{}') leaves the range of {} after {} "
            "row{}: the largest {} is {}",
            field.name, trim_blanks(p["start"]), counted.to_string(),
            static_cast<uint64_t>(in_range), in_range == 1 ? "" : "s", counted.to_string(),
            largest);
      }
    }
  }
  return Status::ok();
}

class DatagenSource final : public Source {
 public:
  DatagenSource(const ConnectorContext& context, DatagenConfig config)
      : schema_(context.schema),
        stream_(context.stream),
        config_(std::move(config)),
        clock_(context.clock),
        cancel_(context.cancel ? context.cancel : &never_),
        wait_(context.wait) {}

  SourceStatus next(Batch& out, size_t max_rows) override {
    if (produced_ >= config_.total_rows) return SourceStatus::End;
    if (produced_ >= config_.in_range_rows) {
      fail(Error::Kind::Runtime, "{}",
           stream_.empty() ? config_.overflow_message
                           : fmt::format("stream '{}': {}", stream_, config_.overflow_message));
    }
    uint64_t n = std::min<uint64_t>(
        max_rows, std::min(config_.total_rows, config_.in_range_rows) - produced_);
    Timestamp now = clock_ ? clock_->now() : 0;
    if (config_.rows_per_second > 0 && clock_) {
      if (!pacer_.started()) pacer_.start(now, produced_, config_.rows_per_second);
      uint64_t due = pacer_.due(now);
      if (due <= produced_) {
        // Sleep until the next row is due, in short slices so the driver stays responsive.
        const Timestamp next_due = pacer_.due_time(produced_);
        // Not past what the driver allows (a Query::poll timeout).
        const int64_t block_ms = wait_ ? std::min<int64_t>(50, wait_->max_block_ms) : 50;
        clock_->wait_until(std::min<Timestamp>(next_due, now + block_ms), *cancel_);
        now = clock_->now();
        due = pacer_.due(now);
        if (due <= produced_) return SourceStatus::Idle;
      }
      n = std::min<uint64_t>(n, due - produced_);
    }
    if (n == 0) return SourceStatus::Idle;
    batch_first_ = produced_ - out.rows;
    generate(out, static_cast<size_t>(n), now);
    return SourceStatus::Data;
  }

  std::string row_origin(size_t row) const override {
    const uint64_t record = batch_first_ + row + 1;
    return stream_.empty() ? fmt::format("datagen record {}", record)
                           : fmt::format("stream '{}' record {}", stream_, record);
  }

  std::string describe() const override {
    std::string rate = config_.rows_per_second > 0
                           ? fmt::format("{} rows/s", config_.rows_per_second)
                           : std::string("unlimited rate");
    std::string rows = config_.total_rows == UINT64_MAX
                           ? std::string("unbounded")
                           : fmt::format("{} rows", config_.total_rows);
    return fmt::format("datagen ({}, {}, seed {})", rows, rate, config_.seed);
  }

  // The state: the column count, then each column's random stream (sequences are a function of
  // the row number, the offset).
  std::optional<SourcePosition> position() const override {
    SourcePosition p;
    p.offset = produced_;
    bytes::put<uint64_t>(p.state, config_.columns.size());
    for (const ColumnGen& gen : config_.columns) bytes::put<uint64_t>(p.state, gen.state);
    return p;
  }

  Status seek(const SourcePosition& position) override {
    std::string_view state = position.state;
    uint64_t columns = 0;
    std::vector<uint64_t> streams;
    bool ok = bytes::get(state, columns) && columns == config_.columns.size() &&
              state.size() == columns * sizeof(uint64_t);
    for (uint64_t c = 0; ok && c < columns; ++c) ok = bytes::get(state, streams.emplace_back());
    Status checked =
        check_generated_position("datagen", stream_, ok, position.offset, config_.total_rows);
    if (!checked) return checked;
    for (size_t c = 0; c < columns; ++c) config_.columns[c].state = streams[c];
    produced_ = position.offset;
    pacer_.stop();  // pacing starts again at the next next()
    return Status::ok();
  }

 private:
  void generate(Batch& out, size_t n, Timestamp now) {
    for (size_t c = 0; c < out.columns.size() && c < config_.columns.size(); ++c) {
      generate_column(out.columns[c], config_.columns[c], n, now);
    }
    if (!out.kinds.empty()) out.kinds.resize(out.rows + n, RowKind::Insert);
    out.rows += n;
    produced_ += n;
  }

  void generate_column(Column& col, ColumnGen& gen, size_t n, Timestamp now) {
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    const Type& type = col.type;
    for (size_t k = 0; k < n; ++k) {
      const uint64_t row = produced_ + k;
      if (gen.null_rate > 0 && uniform_unit(gen.state) < gen.null_rate) {
        push_null(col);
        continue;
      }
      if (gen.sequence) {
        if (type.id == TypeId::Double) {
          push_double(col, gen.double_start + static_cast<double>(row) * gen.double_step);
          continue;
        }
        // In range: rows past DatagenConfig::in_range_rows are never generated.
        const int64_t v = static_cast<int64_t>(static_cast<uint64_t>(gen.int_start) +
                                               row * static_cast<uint64_t>(gen.int_step));
        if (type.id == TypeId::String) {
          char buf[24];
          auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
          (void)ec;
          push_string(col,
                      col.arena().store(std::string_view(buf, static_cast<size_t>(end - buf))));
        } else {
          push_int(col, v);
        }
        continue;
      }
      switch (type.id) {
        case TypeId::Null:
          push_null(col);
          break;
        case TypeId::Boolean:
          push_int(col, static_cast<int64_t>(splitmix64(gen.state) >> 63));
          break;
        case TypeId::Double:
          push_double(col,
                      gen.double_min + uniform_unit(gen.state) * (gen.double_max - gen.double_min));
          break;
        case TypeId::String: {
          char* p = col.arena().allocate(gen.length);
          for (size_t i = 0; i < gen.length; ++i) {
            p[i] = kAlphabet[uniform_int(gen.state, 0, sizeof kAlphabet - 2)];
          }
          push_string(col, std::string_view(p, gen.length));
          break;
        }
        case TypeId::Timestamp:
          push_int(col, gen.max_past > 0 ? now - uniform_int(gen.state, 0, gen.max_past) : now);
          break;
        case TypeId::Date:
        case TypeId::Time: {
          const Timestamp at =
              gen.max_past > 0 ? now - uniform_int(gen.state, 0, gen.max_past) : now;
          push_int(col, type.id == TypeId::Date
                            ? floor_div(at, kMillisPerDay)
                            : truncate_time(floor_mod(at, kMillisPerDay), type.precision));
          break;
        }
        default:
          push_int(col, uniform_int(gen.state, gen.int_min, gen.int_max));
          break;
      }
    }
  }

  Schema schema_;
  std::string stream_;
  DatagenConfig config_;
  const Clock* clock_;
  std::atomic<bool> never_{false};
  const std::atomic<bool>* cancel_;
  const SourceWait* wait_;
  Pacer pacer_;  // rows by the clock ('rows-per-second')
  uint64_t produced_ = 0;
  uint64_t batch_first_ = 0;  // produced_ before the last batch, less the rows it already had
};

}  // namespace

bool is_datagen_field_key(const std::string& key) {
  std::string column, property;
  return split_field_key(key, column, property);
}

Status validate_datagen(const ConnectorContext& context) {
  DatagenConfig config;
  return build_config(context, config);
}

Result<std::unique_ptr<Source>> open_datagen_source(const ConnectorContext& context) {
  DatagenConfig config;
  Status status = build_config(context, config);
  if (!status) return status.error();
  return std::unique_ptr<Source>(std::make_unique<DatagenSource>(context, std::move(config)));
}

}  // namespace eddy
