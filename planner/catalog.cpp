#include "planner/catalog.h"

#include <algorithm>
#include <cstdlib>
#include <thread>

#include <fmt/format.h>

#include "runtime/byte_size.h"
#include "runtime/suggest.h"

namespace eddy {

const std::vector<SettingDef>& setting_defs() {
  static const std::vector<SettingDef> defs = {
      {"execution.batch-size", "4096",
       "rows per batch flowing between operators (results never depend on it)"},
      {"parallelism", "auto",
       "threads that decode a file source and instances of each keyed operator ('auto': one per "
       "core; 1: the query's own thread); results never depend on it"},
      {"state.ttl", "0",
       "forget a GROUP BY key idle for this long ('1 h', '30 min'); 0 keeps state forever"},
      {"state.ttl.time", "processing",
       "what measures state.ttl: 'processing' (the wall clock, as Flink) or 'event' (watermarks)"},
      {"state.max-bytes", "auto",
       "a query fails cleanly once its keyed state outgrows this ('512 MB', '2 GB'); 'auto': half "
       "the machine's memory; 0: no limit"},
      {"checkpoint.path", "",
       "SQLite file that queries checkpoint to and resume from (--checkpoint PATH); '' for none"},
      {"checkpoint.interval", "0",
       "checkpoint every '10 s' (processing time) or '50000 records' (input); 0: only at the "
       "end, on cancel and on CHECKPOINT"},
      {"checkpoint.incremental", "true",
       "write only the keys changed since the previous checkpoint (a full one every 10)"},
      {"checkpoint.fresh", "false",
       "'true': start queries over, discarding their checkpoints in checkpoint.path"},
  };
  return defs;
}

bool parse_checkpoint_interval(const std::string& value, int64_t& ms, uint64_t& records) {
  ms = 0, records = 0;
  if (value == "0") return true;
  const std::string suffix = " records";
  if (value.size() > suffix.size() && value.ends_with(suffix)) {
    std::string count = value.substr(0, value.size() - suffix.size());
    char* end = nullptr;
    long long n = std::strtoll(count.c_str(), &end, 10);
    if (count.empty() || *end != '\0' || n < 1) return false;
    records = uint64_t(n);
    return true;
  }
  return parse_duration(value, ms) && ms > 0;
}

size_t parse_parallelism(const std::string& value) {
  if (value == "auto") {
    // EDDY_PARALLELISM pins what 'auto' stands for (the doc examples run with it, so what they
    // print does not depend on the machine's cores).
    if (const char* pinned = std::getenv("EDDY_PARALLELISM"); pinned && *pinned != '\0') {
      const size_t n = parse_parallelism(pinned);
      if (n > 0) return n;
    }
    return std::max<size_t>(1, std::thread::hardware_concurrency());
  }
  char* end = nullptr;
  const long n = std::strtol(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0' || n < 1 || n > long(kMaxParallelism)) return 0;
  return size_t(n);
}

static const SettingDef* find_setting(const std::string& key) {
  for (const auto& def : setting_defs())
    if (key == def.key) return &def;
  return nullptr;
}

static Status check_setting(const std::string& key, const std::string& value) {
  if (!find_setting(key)) {
    std::vector<std::string> keys;
    for (const auto& def : setting_defs()) keys.emplace_back(def.key);
    return Error{Error::Kind::Bind,
                 fmt::format("unknown setting '{}'{}", key, did_you_mean(key, keys))};
  }
  if (key == "execution.batch-size") {
    char* end = nullptr;
    long n = std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || n < 1 || n > 1'000'000)
      return Error{
          Error::Kind::Bind,
          fmt::format("'execution.batch-size' must be an integer from 1 to 1000000, not '{}'",
                      value)};
  }
  if (key == "parallelism" && !parse_parallelism(value))
    return Error{Error::Kind::Bind,
                 fmt::format("'parallelism' must be 'auto' or an integer from 1 to {}, not '{}'",
                             kMaxParallelism, value)};
  if (key == "state.ttl") {
    int64_t ms = 0;
    if (value != "0" && (!parse_duration(value, ms) || ms < 0))
      return Error{
          Error::Kind::Bind,
          fmt::format("'state.ttl' must be a duration such as '1 h' or 0, not '{}'", value)};
  }
  if (key == "state.max-bytes" && value != "auto" && !parse_byte_size(value))
    return Error{Error::Kind::Bind,
                 fmt::format("'state.max-bytes' must be a size such as '512 MB' or '2 GB', 'auto' "
                             "or 0, not '{}'",
                             value)};
  if (key == "checkpoint.interval") {
    int64_t ms = 0;
    uint64_t records = 0;
    if (!parse_checkpoint_interval(value, ms, records))
      return Error{Error::Kind::Bind,
                   fmt::format("'checkpoint.interval' must be a duration such as '10 s', a count "
                               "such as '50000 records', or 0, not '{}'",
                               value)};
  }
  if ((key == "checkpoint.incremental" || key == "checkpoint.fresh") && value != "true" &&
      value != "false")
    return Error{Error::Kind::Bind,
                 fmt::format("'{}' must be 'true' or 'false', not '{}'", key, value)};
  if (key == "state.ttl.time" && value != "processing" && value != "event")
    return Error{Error::Kind::Bind,
                 fmt::format("'state.ttl.time' must be 'processing' or 'event', not '{}'", value)};
  return {};
}

std::shared_ptr<const StreamDef> Catalog::find_stream(const std::string& name) const {
  auto it = streams_.find(to_lower(name));
  return it == streams_.end() ? nullptr : it->second;
}

std::shared_ptr<const ViewDef> Catalog::find_view(const std::string& name) const {
  auto it = views_.find(to_lower(name));
  return it == views_.end() ? nullptr : it->second;
}

Status Catalog::add_stream(std::shared_ptr<const StreamDef> stream) {
  std::string key = to_lower(stream->name);
  if (streams_.count(key) || views_.count(key))
    return Error{Error::Kind::Bind, fmt::format("'{}' already exists", stream->name)};
  streams_.emplace(key, std::move(stream));
  return {};
}

Status Catalog::add_view(std::shared_ptr<const ViewDef> view, bool replace) {
  std::string key = to_lower(view->name);
  if (streams_.count(key))
    return Error{Error::Kind::Bind, fmt::format("'{}' already exists as a stream", view->name)};
  if (views_.count(key) && !replace)
    return Error{Error::Kind::Bind, fmt::format("view '{}' already exists", view->name)};
  views_[key] = std::move(view);
  return {};
}

bool Catalog::drop_stream(const std::string& name) { return streams_.erase(to_lower(name)) > 0; }
bool Catalog::drop_view(const std::string& name) { return views_.erase(to_lower(name)) > 0; }

std::vector<const StreamDef*> Catalog::streams() const {
  std::vector<const StreamDef*> out;
  for (const auto& [key, def] : streams_) out.push_back(def.get());
  return out;
}

std::vector<const ViewDef*> Catalog::views() const {
  std::vector<const ViewDef*> out;
  for (const auto& [key, def] : views_) out.push_back(def.get());
  return out;
}

std::vector<std::string> Catalog::relation_names() const {
  std::vector<std::string> names;
  for (const auto& [key, def] : streams_) names.push_back(def->name);
  for (const auto& [key, def] : views_) names.push_back(def->name);
  return names;
}

Status Catalog::set(const std::string& key, const std::string& value) {
  if (auto status = check_setting(key, value); !status) return status;
  settings_[key] = value;
  return {};
}

Status Catalog::reset(const std::string& key) {
  if (auto status = check_setting(key, find_setting(key) ? find_setting(key)->default_value : "");
      !status)
    return status;
  settings_.erase(key);
  return {};
}

Status Catalog::set_default(const std::string& key, const std::string& value) {
  if (auto status = check_setting(key, value); !status) return status;
  defaults_[key] = value;
  return {};
}

std::shared_ptr<QueryRecord> Catalog::record_query(std::string text) {
  auto record = std::make_shared<QueryRecord>();
  record->id = next_query_id_++;
  record->text = std::move(text);
  queries_.push_back(record);
  if (queries_.size() > kMaxQueryRecords) queries_.pop_front();
  return record;
}

size_t Catalog::request_checkpoints() {
  size_t asked = 0;
  for (auto& record : queries_) {
    std::lock_guard<std::mutex> lock(record->mutex);
    if (record->status != "created" && record->status != "running") continue;
    record->checkpoint_requested.store(true);
    ++asked;
  }
  return asked;
}

std::vector<std::shared_ptr<const QueryRecord>> Catalog::queries() const {
  return {queries_.begin(), queries_.end()};
}

std::string Catalog::setting(const std::string& key) const {
  if (auto it = settings_.find(key); it != settings_.end()) return it->second;
  if (auto it = defaults_.find(key); it != defaults_.end()) return it->second;
  const SettingDef* def = find_setting(key);
  return def ? def->default_value : "";
}

}  // namespace eddy
