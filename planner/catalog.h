// The catalog: streams, views, registered functions and settings of one Engine. Names are
// case-insensitive.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eddy/error.h"
#include "eddy/types.h"
#include "expr/expr.h"
#include "parser/ast.h"
#include "planner/function_catalog.h"
#include "runtime/late_rows.h"
#include "runtime/query_runtime.h"

namespace eddy {

class EmbeddedStream;

struct StreamDef {
  std::string name;
  bool is_table = false;  // spelled CREATE TABLE
  Schema schema;          // every column, declared order; rowtime set with a WATERMARK
  // With computed columns (`name AS expr`): the columns the connector reads, and per schema
  // column its expression over them (a column reference for a physical column). Empty
  // `columns` means every column is physical and `physical` equals `schema`.
  Schema physical;
  std::vector<std::shared_ptr<const BoundExpr>> columns;
  // WATERMARK FOR schema[rowtime] AS watermark: evaluated per row; null without a watermark.
  std::shared_ptr<const BoundExpr> watermark;
  std::string watermark_text;
  std::string watermark_expr;   // the AS expression as written
  int64_t idle_advance_ms = 0;  // WATERMARK ... ADVANCE AFTER ... IDLE (0: never)
  int64_t idle_timeout_ms = 0;  // 'source.idle-timeout' (0: never idle)
  std::map<std::string, std::string> connector_options;  // keys lower-cased
  // Per column of `physical`: the connector metadata it holds (METADATA FROM 'partition'), or "".
  std::vector<std::string> metadata;
  // The folder of the script that created the stream: a relative 'path' that does not exist
  // relative to the working directory is opened there (planner/relative_path.h).
  std::string base_directory;
  // Reading it yields row kinds (-U/+U/-D): 'format' = 'debezium-json' or
  // 'source.changelog-mode' = 'all'. Queries over it are updating.
  bool changelog = false;
  // The definition as written, for SHOW CREATE: each column's type text or `AS expr` text, and
  // every WITH option (stream options too) in the order given.
  std::vector<std::string> column_texts;
  std::vector<std::pair<std::string, std::string>> options;
  // PRIMARY KEY (...) NOT ENFORCED: the key columns' indices in `schema`, in key order (physical
  // columns, made NOT NULL as in Flink); empty without a key. Not checked on rows: a sink upserts
  // by it (the sqlite connector).
  std::vector<int> primary_key;
  std::string primary_key_constraint;  // CONSTRAINT name, for SHOW CREATE ("" when unnamed)
  LatePolicy late_policy = LatePolicy::Drop;
  std::shared_ptr<const StreamDef> late_sink;  // 'late.sink': where late rows go (Route)
  // 'connector' = 'embedded': the rows pushed from code (Engine::input), read by every query.
  std::shared_ptr<EmbeddedStream> embedded;
};

struct ViewDef {
  std::string name;
  std::shared_ptr<const ast::QueryExpr> query;  // query->text: for SHOW CREATE VIEW
  Schema schema;
};

// A setting that SET / RESET / --set can change, with its default and meaning.
struct SettingDef {
  const char* key;
  const char* default_value;
  const char* description;
};
const std::vector<SettingDef>& setting_defs();
// 'checkpoint.interval': "0", a duration ("10 s": ms) or "N records" (records).
// 'parallelism': the thread count it stands for ('auto': the cores), 0 when it is not valid.
constexpr size_t kMaxParallelism = 256;
size_t parse_parallelism(const std::string& value);
bool parse_checkpoint_interval(const std::string& value, int64_t& ms, uint64_t& records);

class Catalog {
 public:
  std::shared_ptr<const StreamDef> find_stream(const std::string& name) const;
  std::shared_ptr<const ViewDef> find_view(const std::string& name) const;
  // Fails if a stream or view of that name exists.
  Status add_stream(std::shared_ptr<const StreamDef> stream);
  Status add_view(std::shared_ptr<const ViewDef> view, bool replace);
  bool drop_stream(const std::string& name);
  bool drop_view(const std::string& name);
  std::vector<const StreamDef*> streams() const;  // in name order
  std::vector<const ViewDef*> views() const;
  // Names of every stream and view, for did-you-mean.
  std::vector<std::string> relation_names() const;

  // Functions registered by the embedder (Engine::register_function, process functions): a
  // name taken twice or a built-in function's name is an error.
  Status add_scalar_function(std::shared_ptr<const ScalarFunctionDef> fn) {
    return functions_.add_scalar(std::move(fn));
  }
  Status add_table_function(std::shared_ptr<const TableFunctionDef> fn) {
    return functions_.add_table(std::move(fn));
  }
  const FunctionCatalog& functions() const { return functions_; }

  // Settings: validated against setting_defs().
  Status set(const std::string& key, const std::string& value);
  Status reset(const std::string& key);
  // The value RESET returns to (the engine's own options, e.g. its batch size).
  Status set_default(const std::string& key, const std::string& value);
  void reset_all() { settings_.clear(); }
  std::string setting(const std::string& key) const;

  // The queries this engine has started (the last kMaxQueryRecords), for SHOW QUERIES.
  std::shared_ptr<QueryRecord> record_query(std::string text);
  std::vector<std::shared_ptr<const QueryRecord>> queries() const;
  // CHECKPOINT: asks every query still running to checkpoint; returns how many were asked.
  size_t request_checkpoints();
  static constexpr size_t kMaxQueryRecords = 100;

 private:
  std::map<std::string, std::shared_ptr<const StreamDef>> streams_;  // key: lower-cased name
  std::map<std::string, std::shared_ptr<const ViewDef>> views_;
  FunctionCatalog functions_;
  std::map<std::string, std::string> settings_;  // only non-default values
  std::map<std::string, std::string> defaults_;  // engine-level defaults
  std::deque<std::shared_ptr<QueryRecord>> queries_;
  int next_query_id_ = 1;
};

}  // namespace eddy
