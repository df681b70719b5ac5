// The connector table: every connector's name, aliases, options (with defaults and
// descriptions) and factories. validate_connector, open_source and open_sink are driven by it,
// so adding a connector or an option is one entry here plus its factory.
//
// Option keys follow Flink's; keys a connector does not list are errors with a did-you-mean.
// A stream may be both read and written (a file), so options of either direction are accepted
// when validating; each side ignores the other's.
#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "connectors/connector.h"
#include "connectors/factories.h"
#include "connectors/kafka_client.h"
#include "connectors/value_parse.h"
#include "runtime/failure.h"
#include "runtime/suggest.h"

namespace eddy {

namespace {

enum class OptionKind {
  Text,     // any string
  Bool,     // true / false
  Char,     // one character
  Count,    // integer >= 0
  Integer,  // any int64
  Choice,   // one of `choices`
};

struct OptionSpec {
  const char* key;
  const char* default_value;  // nullptr: none
  OptionKind kind;
  const char* description;
  const char* choices = nullptr;  // Choice: "csv|json|jsonl"
  const char* only_format =
      nullptr;  // "csv" / "json" / "debezium-json": valid only with that 'format'
  bool required = false;
};

using SourceFactory = Result<std::unique_ptr<Source>> (*)(const ConnectorContext&);
using SinkFactory = Result<std::unique_ptr<Sink>> (*)(const ConnectorContext&);

struct ConnectorSpec {
  const char* name;
  std::vector<const char*> aliases;
  const char* description;
  std::vector<OptionSpec> options;
  SourceFactory open_source = nullptr;
  SinkFactory open_sink = nullptr;
  bool (*extra_key)(const std::string& key) = nullptr;  // keys beyond `options` (datagen fields)
  Status (*extra_check)(const ConnectorContext& context) = nullptr;
};

// csv / json options shared by the file and stdin connectors.
std::vector<OptionSpec> text_options(bool format_required) {
  return {
      {"format", format_required ? nullptr : "csv", OptionKind::Choice,
       "record format: csv, json / jsonl (one JSON object per line), or debezium-json "
       "(Debezium change events)",
       "csv|json|jsonl|debezium-json", nullptr, format_required},
      {"source.changelog-mode", nullptr, OptionKind::Choice,
       "read: 'all' when every record starts with its row kind (+I, -U, +U, -D: a first csv "
       "field, a jsonl \"op\" key, as 'sink.changelog-mode' = 'all' writes them), which makes "
       "the stream updating; default: as 'sink.changelog-mode', else 'insert-only'",
       "insert-only|all"},
      {"csv.field-delimiter", ",", OptionKind::Char,
       "field separator, one character ('\\t' for tab)", nullptr, "csv"},
      {"csv.quote-character", "\"", OptionKind::Char, "quote character for fields", nullptr, "csv"},
      {"csv.header", "false", OptionKind::Bool,
       "read: the first line is a header and is skipped (fields are matched to columns by its "
       "names when it names them all); write: write a header line",
       nullptr, "csv"},
      {"csv.null-literal", nullptr, OptionKind::Text,
       "text that stands for NULL (default: an unquoted empty field is NULL)", nullptr, "csv"},
      {"csv.ignore-parse-errors", "false", OptionKind::Bool,
       "read: skip malformed lines (counted) instead of failing", nullptr, "csv"},
      {"json.ignore-parse-errors", "false", OptionKind::Bool,
       "read: skip malformed lines (counted) instead of failing", nullptr, "json"},
      {"json.fail-on-missing-field", "false", OptionKind::Bool,
       "read: a key missing from an object is an error rather than NULL", nullptr, "json"},
      {"debezium-json.schema-include", "false", OptionKind::Bool,
       "read: each event is wrapped in {\"schema\": ..., \"payload\": ...} (Kafka Connect's "
       "schemas.enable)",
       nullptr, "debezium-json"},
      {"debezium-json.ignore-parse-errors", "false", OptionKind::Bool,
       "read: skip malformed events (counted) instead of failing", nullptr, "debezium-json"},
  };
}

// The kafka and upsert-kafka connectors' options (Flink's names); 'properties.*' beyond these go
// to librdkafka as they are. `upsert`: the sink-only upsert-kafka has no scan options.
std::vector<OptionSpec> kafka_options(bool upsert) {
  std::vector<OptionSpec> o = {
      {"topic", nullptr, OptionKind::Text, "the topic (several: 'a;b')"},
      {"properties.bootstrap.servers", nullptr, OptionKind::Text, "host:port of the Kafka brokers",
       nullptr, nullptr, true},
      {"properties.group.id", nullptr, OptionKind::Text,
       "read: the consumer group whose committed offsets 'group-offsets' uses; offsets are "
       "committed to it at each checkpoint"},
      {"format", nullptr, OptionKind::Choice, "message value format: csv, json or debezium-json",
       "csv|json|debezium-json"},
      {"value.format", nullptr, OptionKind::Choice, "message value format (same as 'format')",
       "csv|json|debezium-json"},
      {"key.format", nullptr, OptionKind::Choice, "message key format", "csv|json"},
      {"value.fields-include", "ALL", OptionKind::Choice,
       "'ALL': the value holds every column; 'EXCEPT_KEY': not the key's", "ALL|EXCEPT_KEY"},
      {"sink.partitioner", "default", OptionKind::Choice,
       "write: 'default' (by key hash, keyless messages spread), 'fixed' (all to partition 0) or "
       "'round-robin'",
       "default|fixed|round-robin"},
      {"sink.delivery-guarantee", "at-least-once", OptionKind::Choice,
       "write: 'none', 'at-least-once' (flushed at each checkpoint) or 'exactly-once' (a "
       "transaction committed with each checkpoint)",
       "none|at-least-once|exactly-once"},
      {"sink.transactional-id-prefix", nullptr, OptionKind::Text,
       "write: the producer's transactional.id (with the stream's name) for 'exactly-once'"},
  };
  if (!upsert) {
    const std::vector<OptionSpec> scan = {
        {"topic-pattern", nullptr, OptionKind::Text,
         "read: every topic whose name matches this regular expression"},
        {"key.fields", nullptr, OptionKind::Text, "the columns of the message key: 'a;b'"},
        {"scan.startup.mode", "group-offsets", OptionKind::Choice,
         "read: where to start: earliest-offset, latest-offset, group-offsets, timestamp or "
         "specific-offsets",
         "earliest-offset|latest-offset|group-offsets|timestamp|specific-offsets"},
        {"scan.startup.specific-offsets", nullptr, OptionKind::Text,
         "read: 'partition:0,offset:42;partition:1,offset:300'"},
        {"scan.startup.timestamp-millis", nullptr, OptionKind::Count,
         "read: start at the first message at or after this time (ms since 1970)"},
        {"scan.bounded.mode", "unbounded", OptionKind::Choice,
         "read: where the input ends: unbounded, latest-offset (the end when the query "
         "began), group-offsets, timestamp or specific-offsets",
         "unbounded|latest-offset|group-offsets|timestamp|specific-offsets"},
        {"scan.bounded.specific-offsets", nullptr, OptionKind::Text,
         "read: end offsets, 'partition:0,offset:42;partition:1,offset:300'"},
        {"scan.bounded.timestamp-millis", nullptr, OptionKind::Count,
         "read: end before the first message after this time (ms since 1970)"},
    };
    o.insert(o.begin() + 1, scan.begin(), scan.end());
  }
  for (auto& t : text_options(false)) {
    const std::string_view key = t.key;
    if (key == "format" || key == "source.changelog-mode" || key == "csv.header") continue;
    o.push_back(t);
  }
  return o;
}

const std::vector<ConnectorSpec>& connectors() {
  static const std::vector<ConnectorSpec> table = [] {
    std::vector<ConnectorSpec> t;

    ConnectorSpec file{"file", {"filesystem"}, "a csv or jsonl file (bounded source; sink)", {}};
    file.options = {
        {"path", nullptr, OptionKind::Text, "file to read or write", nullptr, nullptr, true}};
    for (auto& o : text_options(true)) file.options.push_back(o);
    file.options.push_back({"sink.changelog-mode", "insert-only", OptionKind::Choice,
                            "write: 'insert-only' fails on updates; 'all' writes every change "
                            "with an op column (+I, -U, +U, -D) first",
                            "insert-only|all"});
    file.open_source = open_file_source;
    file.open_sink = open_file_sink;
    t.push_back(std::move(file));

    ConnectorSpec in{"stdin", {}, "csv or jsonl records from standard input (unbounded)", {}};
    for (auto& o : text_options(false)) in.options.push_back(o);
    in.open_source = open_stdin_source;
    t.push_back(std::move(in));

    ConnectorSpec datagen{"datagen", {}, "generated rows, deterministic by seed", {}};
    datagen.options = {
        {"rows-per-second", "10000", OptionKind::Count,
         "rate limit by the query's clock; 0 means as fast as possible"},
        {"number-of-rows", nullptr, OptionKind::Count, "total rows (default: unbounded)"},
        {"seed", "0", OptionKind::Integer, "seed of the random generators"},
    };
    datagen.open_source = open_datagen_source;
    datagen.extra_key = is_datagen_field_key;
    datagen.extra_check = validate_datagen;
    t.push_back(std::move(datagen));

    ConnectorSpec nexmark{
        "nexmark", {}, "the Nexmark benchmark's person, auction or bid stream, deterministic", {}};
    nexmark.options = {
        {"nexmark.table", nullptr, OptionKind::Choice, "the stream: person, auction or bid",
         "person|auction|bid", nullptr, true},
        {"events", nullptr, OptionKind::Count,
         "generator events of all kinds (default: unbounded); the stream gets its kind's share"},
        {"event-rate", "10000", OptionKind::Count,
         "events per second of event time: event n is at base-time + n * 1000 / rate ms"},
        {"base-time", "2015-07-15 00:00:00", OptionKind::Text, "the first event's dateTime"},
        {"events-per-second", "0", OptionKind::Count,
         "rate limit of the generator by the query's clock; 0 means as fast as possible"},
        {"seed", "0", OptionKind::Integer, "seed of the random generators"},
        {"person.proportion", "1", OptionKind::Count, "people in every epoch of events"},
        {"auction.proportion", "3", OptionKind::Count, "auctions in every epoch of events"},
        {"bid.proportion", "46", OptionKind::Count, "bids in every epoch of events"},
        {"bid.hot-ratio.auctions", "2", OptionKind::Count,
         "1 - 1/ratio of the bids are for a hot auction"},
        {"bid.hot-ratio.bidders", "4", OptionKind::Count,
         "1 - 1/ratio of the bids are by a hot bidder"},
        {"auction.hot-ratio.sellers", "4", OptionKind::Count,
         "1 - 1/ratio of the auctions are by a hot seller"},
        {"person.avg-size", "200", OptionKind::Count, "average bytes of a person (sizes extra)"},
        {"auction.avg-size", "500", OptionKind::Count, "average bytes of an auction"},
        {"bid.avg-size", "100", OptionKind::Count, "average bytes of a bid"},
    };
    nexmark.open_source = open_nexmark_source;
    nexmark.extra_check = validate_nexmark;
    t.push_back(std::move(nexmark));

    ConnectorSpec embedded{
        "embedded", {}, "rows, watermarks and the end of input pushed from code (eddy::Input)", {}};
    embedded.open_source = open_embedded_source;
    t.push_back(std::move(embedded));

    ConnectorSpec print{"print", {}, "prints every change as +I[...] lines", {}};
    print.options = {
        {"print-identifier", nullptr, OptionKind::Text, "prefix of every line ('id> +I[...]')"},
        {"standard-error", "false", OptionKind::Bool, "print to standard error"},
    };
    print.open_sink = open_print_sink;
    t.push_back(std::move(print));

    ConnectorSpec blackhole{"blackhole", {}, "discards every row", {}};
    blackhole.open_sink = open_blackhole_sink;
    t.push_back(std::move(blackhole));

    ConnectorSpec sqlite{
        "sqlite", {}, "a table of a SQLite database (sink; upserts by the PRIMARY KEY)", {}};
    sqlite.options = {
        {"path", nullptr, OptionKind::Text, "database file (created if missing)", nullptr, nullptr,
         true},
        {"table", nullptr, OptionKind::Text,
         "table to write (created if missing; default: the stream's name)"},
    };
    sqlite.open_sink = open_sqlite_sink;
    t.push_back(std::move(sqlite));

    ConnectorSpec kafka{
        "kafka", {}, "a Kafka topic (source and sink; connectors/kafka_source.cpp)", {}};
    kafka.options = kafka_options(false);
    kafka.open_source = open_kafka_source;
    kafka.open_sink = open_kafka_sink;
    kafka.extra_key = is_kafka_property_key;
    kafka.extra_check = validate_kafka;
    t.push_back(std::move(kafka));

    ConnectorSpec upsert{
        "upsert-kafka", {}, "a Kafka topic of upserts keyed by the PRIMARY KEY (sink)", {}};
    upsert.options = kafka_options(true);
    upsert.open_sink = open_kafka_sink;
    upsert.extra_key = is_kafka_property_key;
    upsert.extra_check = validate_kafka;
    t.push_back(std::move(upsert));
    return t;
  }();
  return table;
}

const ConnectorSpec* find_connector(const std::string& name) {
  for (const auto& spec : connectors()) {
    if (iequals(name, spec.name)) return &spec;
    for (const char* alias : spec.aliases) {
      if (iequals(name, alias)) return &spec;
    }
  }
  return nullptr;
}

std::vector<std::string> connector_names() {
  std::vector<std::string> names;
  for (const auto& spec : connectors()) {
    names.push_back(spec.name);
    for (const char* alias : spec.aliases) names.push_back(alias);
  }
  return names;
}

const OptionSpec* find_option(const ConnectorSpec& spec, const std::string& key) {
  for (const auto& o : spec.options) {
    if (key == o.key) return &o;
  }
  return nullptr;
}

std::string check_value(const OptionSpec& spec, const std::string& value) {
  switch (spec.kind) {
    case OptionKind::Text:
      return "";
    case OptionKind::Bool:
      return check_bool(value);
    case OptionKind::Char:
      return check_char(value);
    case OptionKind::Count:
    case OptionKind::Integer: {
      int64_t v = 0;
      if (parse_int64_text(trim_blanks(value), v) != ParseStatus::Ok) return "expected an integer";
      if (spec.kind == OptionKind::Count && v < 0) return "expected a non-negative integer";
      return "";
    }
    case OptionKind::Choice: {
      std::string_view choices = spec.choices;
      std::vector<std::string> list;
      size_t start = 0;
      while (start <= choices.size()) {
        size_t bar = choices.find('|', start);
        if (bar == std::string_view::npos) bar = choices.size();
        list.emplace_back(choices.substr(start, bar - start));
        start = bar + 1;
      }
      for (const auto& choice : list) {
        if (iequals(value, choice)) return "";
      }
      std::string quoted;
      for (size_t i = 0; i < list.size(); ++i) {
        quoted += (i == 0 ? "" : i + 1 == list.size() ? " or " : ", ") + ("'" + list[i] + "'");
      }
      return "expected " + quoted + did_you_mean(value, list);
    }
  }
  return "";
}

// 'csv', 'json' or 'debezium-json' for the stream's 'format' (json and jsonl are one format).
std::string format_family(const ConnectorContext& context, const ConnectorSpec& spec) {
  for (const auto& o : spec.options) {
    if (std::string_view(o.key) != "format") continue;
    std::string format = to_lower(context.option(
        "format", context.option("value.format", o.default_value ? o.default_value : "")));
    if (format == "debezium-json") return format;
    return format == "jsonl" ? "json" : format;
  }
  return "";
}

Status check_options(const ConnectorContext& context, const ConnectorSpec& spec);

Status validate(const ConnectorContext& context, bool as_sink, const ConnectorSpec** out_spec) {
  auto it = context.options.find("connector");
  if (it == context.options.end()) {
    std::string names;
    for (const auto& spec : connectors())
      names += (names.empty() ? "" : ", ") + std::string(spec.name);
    return option_error(context, "missing option 'connector' (one of " + names + ")");
  }
  const ConnectorSpec* spec = find_connector(it->second);
  if (!spec) {
    return option_error(context,
                        fmt::format("unknown connector '{}'{}", it->second,
                                    did_you_mean(it->second, connector_names())),
                        "connector");
  }
  if (out_spec) *out_spec = spec;
  for (size_t c = 0; c < context.metadata.size(); ++c) {
    if (context.metadata[c].empty() || std::string_view(spec->name) == "kafka") continue;
    return option_error(context,
                        fmt::format("column '{}': connector '{}' has no metadata '{}' "
                                    "(METADATA columns are Kafka's: partition, offset, "
                                    "timestamp, topic)",
                                    context.schema[c].name, spec->name, context.metadata[c]));
  }
  // The options first, whichever the direction: a stream is created before anyone reads or
  // writes it, and an unknown option is its problem in either direction.
  Status options = check_options(context, *spec);
  if (!options) return options;
  if (as_sink && !spec->open_sink) {
    return option_error(
        context, fmt::format("connector '{}' cannot be written to (it is a source)", spec->name));
  }
  if (!as_sink && !spec->open_source) {
    return option_error(
        context, fmt::format("connector '{}' cannot be read from (it is a sink)", spec->name));
  }
  return Status::ok();
}

// Every option known to `spec` with a valid value, the required ones present.
Status check_options(const ConnectorContext& context, const ConnectorSpec& spec_ref) {
  const ConnectorSpec* spec = &spec_ref;
  for (const auto& [key, value] : context.options) {
    if (key == "connector") continue;
    const OptionSpec* option = find_option(*spec, key);
    if (!option) {
      if (spec->extra_key && spec->extra_key(key)) continue;
      std::vector<std::string> keys{"connector"};
      for (const auto& o : spec->options) keys.emplace_back(o.key);
      std::string hint = did_you_mean(key, keys);
      // 'header' is 'csv.header': a format's options carry its name, which edits cannot bridge.
      for (size_t i = 0; hint.empty() && i < keys.size(); ++i) {
        size_t dot = keys[i].rfind('.');
        if (dot != std::string::npos && iequals(keys[i].substr(dot + 1), key))
          hint = " (did you mean '" + keys[i] + "'?)";
      }
      return option_error(
          context, fmt::format("unknown option '{}' for connector '{}'{}", key, spec->name, hint),
          key);
    }
    std::string problem = check_value(*option, value);
    if (!problem.empty()) {
      return option_error(context, fmt::format("option '{}' = '{}': {}", key, value, problem), key);
    }
  }
  for (const auto& o : spec->options) {
    if (o.required && !context.options.count(o.key)) {
      return option_error(context, fmt::format("connector '{}' requires option '{}' ({})",
                                               spec->name, o.key, o.description));
    }
  }
  const std::string family = format_family(context, *spec);
  for (const auto& [key, value] : context.options) {
    const OptionSpec* option = find_option(*spec, key);
    if (option && option->only_format && family != option->only_format) {
      return option_error(
          context,
          fmt::format("option '{}' applies only to 'format' = '{}' (this stream's format "
                      "is '{}')",
                      key, option->only_format, context.option("format", "")),
          key);
    }
  }
  if (family == "debezium-json" && context.options.count("source.changelog-mode")) {
    return option_error(context,
                        "option 'source.changelog-mode' does not apply to 'format' = "
                        "'debezium-json' (every Debezium event carries its own change kind)",
                        "source.changelog-mode");
  }
  if (family == "csv") {
    const char delimiter = option_char(context, "csv.field-delimiter", ',');
    const char quote = option_char(context, "csv.quote-character", '"');
    if (delimiter == quote) {
      return option_error(context, "'csv.field-delimiter' and 'csv.quote-character' must differ",
                          "csv.quote-character");
    }
  }
  if (spec->extra_check) return spec->extra_check(context);
  return Status::ok();
}

template <class T>
Result<std::unique_ptr<T>> open_checked(
    const ConnectorContext& context, bool as_sink,
    Result<std::unique_ptr<T>> (*ConnectorSpec::*factory)(const ConnectorContext&)) {
  const ConnectorSpec* spec = nullptr;
  Status status = validate(context, as_sink, &spec);
  if (!status) return status.error();
  try {
    return (spec->*factory)(context);
  } catch (const Failure& failure) {
    return failure.error();
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Shared option helpers (factories.h)

Error option_error(const ConnectorContext& context, const std::string& message,
                   const std::string& key) {
  Error e;
  e.kind = Error::Kind::Bind;
  e.message =
      context.stream.empty() ? message : fmt::format("stream '{}': {}", context.stream, message);
  if (auto it = context.option_positions.find(to_lower(key)); it != context.option_positions.end())
    std::tie(e.line, e.column) = it->second;
  return e;
}

Status check_generated_position(const std::string& connector, const std::string& stream,
                                bool well_formed, uint64_t offset, uint64_t total) {
  std::string problem;
  if (!well_formed)
    problem = "the checkpointed position is malformed";
  else if (offset > total)
    problem = fmt::format("the checkpointed position (row {}) is past its {} rows", offset, total);
  else
    return Status::ok();
  return Error{Error::Kind::Runtime, stream.empty()
                                         ? connector + ": " + problem
                                         : fmt::format("stream '{}': {}", stream, problem)};
}

std::string check_bool(const std::string& value) {
  return iequals(value, "true") || iequals(value, "false") ? "" : "expected 'true' or 'false'";
}

std::string check_char(const std::string& value) {
  if (value == "\\t") return "";
  if (value.size() != 1) return "expected one character";
  if (value[0] == '\n' || value[0] == '\r') return "a line break cannot be used";
  return "";
}

bool option_true(const ConnectorContext& context, const std::string& key) {
  return iequals(context.option(key, "false"), "true");
}

char option_char(const ConnectorContext& context, const std::string& key, char fallback) {
  auto it = context.options.find(key);
  if (it == context.options.end() || it->second.empty()) return fallback;
  return it->second == "\\t" ? '\t' : it->second[0];
}

TextFormatOptions text_format_options(const ConnectorContext& context) {
  TextFormatOptions o;
  const std::string format = to_lower(context.option("format", "csv"));
  o.format = format == "csv"             ? TextFormatOptions::Format::Csv
             : format == "debezium-json" ? TextFormatOptions::Format::DebeziumJson
                                         : TextFormatOptions::Format::Jsonl;
  o.changelog = o.format != TextFormatOptions::Format::DebeziumJson &&
                iequals(context.option("source.changelog-mode",
                                       context.option("sink.changelog-mode", "insert-only")),
                        "all");
  o.schema_include = option_true(context, "debezium-json.schema-include");
  o.delimiter = option_char(context, "csv.field-delimiter", ',');
  o.quote = option_char(context, "csv.quote-character", '"');
  o.header = option_true(context, "csv.header");
  auto null_literal = context.options.find("csv.null-literal");
  if (null_literal != context.options.end()) o.null_literal = null_literal->second;
  o.ignore_parse_errors =
      option_true(context, o.format == TextFormatOptions::Format::Csv ? "csv.ignore-parse-errors"
                           : o.format == TextFormatOptions::Format::Jsonl
                               ? "json.ignore-parse-errors"
                               : "debezium-json.ignore-parse-errors");
  o.fail_on_missing_field = option_true(context, "json.fail-on-missing-field");
  o.decode_threads = context.parallelism;
  return o;
}

// ---------------------------------------------------------------------------------------------
// connector.h

std::string ConnectorContext::option(const std::string& key, const std::string& fallback) const {
  auto it = options.find(key);
  return it == options.end() ? fallback : it->second;
}

Status validate_connector(const ConnectorContext& context, bool as_sink) {
  return validate(context, as_sink, nullptr);
}

bool source_is_changelog(const ConnectorContext& context) {
  const ConnectorSpec* spec = nullptr;
  if (!validate(context, false, &spec) || !find_option(*spec, "format")) return false;
  const TextFormatOptions options = text_format_options(context);
  return options.changelog || options.format == TextFormatOptions::Format::DebeziumJson;
}

bool sink_takes_changelog(const ConnectorContext& context) {
  const ConnectorSpec* spec = nullptr;
  if (!validate(context, true, &spec)) return false;
  const std::string name = spec->name;
  if (name == "print" || name == "blackhole" || name == "sqlite" || name == "upsert-kafka")
    return true;
  return iequals(context.option("sink.changelog-mode", "insert-only"), "all") ||
         iequals(context.option("format", ""), "debezium-json");
}

Result<std::unique_ptr<Source>> open_source(const ConnectorContext& context) {
  return open_checked<Source>(context, false, &ConnectorSpec::open_source);
}

Result<std::unique_ptr<Sink>> open_sink(const ConnectorContext& context) {
  return open_checked<Sink>(context, true, &ConnectorSpec::open_sink);
}

bool bounded_source(const std::map<std::string, std::string>& options) {
  auto connector = options.find("connector");
  const ConnectorSpec* spec =
      connector == options.end() ? nullptr : find_connector(connector->second);
  if (!spec) return false;
  if (std::string_view(spec->name) == "file") return true;
  if (std::string_view(spec->name) == "datagen") return options.count("number-of-rows") > 0;
  if (std::string_view(spec->name) == "nexmark") return options.count("events") > 0;
  if (std::string_view(spec->name) == "kafka") {
    auto mode = options.find("scan.bounded.mode");
    return mode != options.end() && !iequals(mode->second, "unbounded");
  }
  return false;
}

bool embedded_source(const std::map<std::string, std::string>& options) {
  auto connector = options.find("connector");
  const ConnectorSpec* spec =
      connector == options.end() ? nullptr : find_connector(connector->second);
  return spec && std::string_view(spec->name) == "embedded";
}

}  // namespace eddy
