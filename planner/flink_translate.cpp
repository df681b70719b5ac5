// eddy statements as Flink SQL (planner/flink_translate.h, docs/flink.md). Queries keep their
// source text unless they use an extension Flink writes differently (TIMEOUT, SEMI / ANTI JOIN);
// only those are printed again from the tree, with every expression still as written.
#include "planner/flink_translate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <regex>

#include "planner/flink_names.h"
#include "planner/relative_path.h"
#include "planner/sql_text.h"

namespace eddy {

namespace {

Error refuse(ast::Pos pos, const std::string& reason) {
  return Error{Error::Kind::Plan, "cannot be written in Flink SQL: " + reason, pos.line,
               pos.column};
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// An INTERVAL literal in units Flink's parser takes: eddy's MILLISECOND becomes a fraction of a
// SECOND (INTERVAL '3.5' SECOND); other literals keep their text.
std::string interval_text(const ast::Expr& interval) {
  if (interval.kind != ast::ExprKind::Literal) return interval.text;
  const Value& value = interval.as<ast::Literal>().value;
  if (value.type().id != TypeId::Interval || value.is_null()) return interval.text;
  std::string upper = interval.text;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  if (upper.find("MILLI") == std::string::npos) return interval.text;
  int64_t ms = value.int_value();
  if (ms % 1000 == 0) return fmt::format("INTERVAL '{}' SECOND", ms / 1000);
  return fmt::format("INTERVAL '{}.{:03d}' SECOND", ms / 1000, ms % 1000);
}

// TIMEOUT_TIME() of a timeout query is the session window's end.
std::string with_window_end(const std::string& text) {
  static const std::regex timeout_time(R"(\bTIMEOUT_TIME\s*\(\s*\))", std::regex::icase);
  return std::regex_replace(text, timeout_time, "window_end");
}

bool rewritten(const ast::QueryExpr& query);

bool rewritten(const ast::TableRef& ref) {
  switch (ref.kind) {
    case ast::TableRef::Kind::Subquery:
      return rewritten(*ref.subquery);
    case ast::TableRef::Kind::Join:
      return ref.join == ast::JoinKind::LeftSemi || ref.join == ast::JoinKind::LeftAnti ||
             rewritten(*ref.left) || rewritten(*ref.right);
    default:
      return false;
  }
}

// Whether the query uses an extension that has to be written differently for Flink.
bool rewritten(const ast::QueryExpr& query) {
  for (const auto& select : query.selects)
    if (select.timeout || (select.from && rewritten(*select.from))) return true;
  return false;
}

class Translator {
 public:
  Translator(const Catalog& catalog, std::string base_directory, const FlinkNames& names)
      : catalog_(catalog), base_directory_(std::move(base_directory)), names_(names) {}

  // Statements the translation needs before its own (temporary views, SETs).
  std::string prelude;

  Result<std::string> query(const ast::QueryExpr& query) {
    if (!rewritten(query)) return names_.respell(query.text, query.pos);
    std::string out;
    for (size_t i = 0; i < query.selects.size(); ++i) {
      auto branch = select(query.selects[i]);
      if (!branch) return branch.error();
      out += (i ? "\nUNION ALL\n" : "") + branch.value();
    }
    if (!query.order_by.empty()) {
      out += "\nORDER BY ";
      for (size_t i = 0; i < query.order_by.size(); ++i) {
        const auto& item = query.order_by[i];
        out += (i ? ", " : "") + text(*item.expr) + (item.descending ? " DESC" : "");
        if (item.nulls_first) out += *item.nulls_first ? " NULLS FIRST" : " NULLS LAST";
      }
    }
    if (query.limit) out += fmt::format("\nLIMIT {}", *query.limit);
    return out;
  }

  Result<std::string> create_stream(const ast::CreateStream& create);

 private:
  // An expression's source text with its names written for Flink.
  std::string text(const ast::Expr& expr) const { return names_.respell(expr.text, expr.pos); }
  std::string name_text(const ast::Name& name) const { return names_.name(name); }
  std::string alias_text(const std::optional<ast::Name>& alias) const {
    return alias ? " AS " + name_text(*alias) : "";
  }

  Result<std::string> select(const ast::Select& select) {
    if (select.timeout) return timeout_select(select);
    std::string from, where = select.where ? text(*select.where) : "";
    if (select.from) {
      const ast::TableRef& ref = *select.from;
      if (ref.kind == ast::TableRef::Kind::Join &&
          (ref.join == ast::JoinKind::LeftSemi || ref.join == ast::JoinKind::LeftAnti)) {
        auto semi = semi_join(ref, where);
        if (!semi) return semi.error();
        from = std::move(semi.value());
      } else {
        auto text = table_ref(ref);
        if (!text) return text.error();
        from = std::move(text.value());
      }
    }
    std::vector<std::string> group_by;
    for (const auto& key : select.group_by) group_by.push_back(text(*key));
    return select_text(select, items(select, false), from, where, group_by,
                       select.having ? text(*select.having) : "");
  }

  std::string items(const ast::Select& select, bool timeout) const {
    std::string out;
    for (size_t i = 0; i < select.items.size(); ++i) {
      const auto& item = select.items[i];
      const std::string written = text(*item.expr);
      std::string item_text = timeout ? with_window_end(written) : written;
      // An unnamed TIMEOUT_TIME() column keeps the name eddy gives it.
      if (!item.alias && timeout && item_text != written)
        item_text += " AS " + quote_name(item.expr->text);
      out += (i ? ", " : "") + item_text + alias_text(item.alias);
    }
    return out;
  }

  static std::string select_text(const ast::Select& select, const std::string& items,
                                 const std::string& from, const std::string& where,
                                 const std::vector<std::string>& group_by,
                                 const std::string& having) {
    std::string out = std::string("SELECT ") + (select.distinct ? "DISTINCT " : "") + items;
    if (!from.empty()) out += "\nFROM " + from;
    if (!where.empty()) out += "\nWHERE " + where;
    if (!group_by.empty()) {
      out += "\nGROUP BY ";
      for (size_t i = 0; i < group_by.size(); ++i) out += (i ? ", " : "") + group_by[i];
    }
    if (!having.empty()) out += "\nHAVING " + having;
    return out;
  }

  // GROUP BY k TIMEOUT t RESET STATE: a key's row covers one burst of rows, each within t of the
  // one before, emitted t after the last: Flink's SESSION window partitioned by k with gap t,
  // whose window_end (last row + t) is TIMEOUT_TIME().
  Result<std::string> timeout_select(const ast::Select& select) {
    const ast::TimeoutClause& timeout = *select.timeout;
    if (timeout.processing_time)
      return refuse(timeout.pos,
                    "TIMEOUT ... ON PROCESSING TIME: eddy's idle timers run on the wall clock; "
                    "Flink SQL has no processing-time timeout to map them to");
    if (!timeout.reset_state)
      return refuse(timeout.pos,
                    "TIMEOUT ... KEEP STATE (the default): each idle period's row counts from the "
                    "key's first row, and Flink's SESSION window starts afresh after each gap; "
                    "write RESET STATE for the session's meaning");
    if (!select.from || select.from->kind != ast::TableRef::Kind::Named)
      return refuse(
          select.pos,
          "TIMEOUT over a join or a subquery: Flink's SESSION window reads a named table; "
          "define a view for the input first");
    const ast::TableRef& input = *select.from;
    std::string rowtime;
    if (auto stream = catalog_.find_stream(input.name.text); stream && stream->schema.rowtime >= 0)
      rowtime = stream->schema[static_cast<size_t>(stream->schema.rowtime)].name;
    else if (auto view = catalog_.find_view(input.name.text); view && view->schema.rowtime >= 0)
      rowtime = view->schema[static_cast<size_t>(view->schema.rowtime)].name;
    if (rowtime.empty())
      return refuse(input.pos, "TIMEOUT: '" + input.name.text + "' has no rowtime");
    std::vector<std::string> keys;
    for (const auto& key : select.group_by) {
      if (key->kind != ast::ExprKind::Column)
        return refuse(key->pos,
                      "TIMEOUT with a computed key: a SESSION window partitions by columns; "
                      "compute the key in a view first");
      keys.push_back(name_text(key->as<ast::ColumnRef>().name));
    }
    std::string table = name_text(input.name);
    if (select.where) {
      // Rows are filtered before they reach the window, as eddy filters them before the timeout.
      std::string view = fmt::format("{}_timeout_input_{}", input.name.text, ++views_);
      prelude += fmt::format("CREATE TEMPORARY VIEW {} AS SELECT * FROM {} WHERE {};\n",
                             quote_name(view), table, text(*select.where));
      table = quote_name(view);
    }
    std::string partition;
    if (keys.size() == 1) partition = " PARTITION BY " + keys[0];
    if (keys.size() > 1) {
      partition = " PARTITION BY (";
      for (size_t i = 0; i < keys.size(); ++i) partition += (i ? ", " : "") + keys[i];
      partition += ")";
    }
    std::string from =
        fmt::format("TABLE(SESSION(TABLE {}{}, DESCRIPTOR({}), {})){}", table, partition,
                    quote_name(rowtime), interval_text(*timeout.interval), alias_text(input.alias));
    std::vector<std::string> group_by;
    for (const auto& key : select.group_by) group_by.push_back(text(*key));
    group_by.push_back("window_start");
    group_by.push_back("window_end");
    return select_text(select, items(select, true), from, "", group_by,
                       select.having ? with_window_end(text(*select.having)) : "");
  }

  // left LEFT SEMI|ANTI JOIN right ON c: the left rows with (without) a match, as Flink writes
  // it: WHERE [NOT] EXISTS (SELECT 1 FROM right WHERE c). `where` gets the condition.
  Result<std::string> semi_join(const ast::TableRef& join, std::string& where) {
    if (join.natural || !join.using_columns.empty() || !join.condition)
      return refuse(join.pos, "SEMI / ANTI JOIN with USING or NATURAL: write its ON condition");
    auto left = table_ref(*join.left);
    if (!left) return left.error();
    auto right = table_ref(*join.right);
    if (!right) return right.error();
    std::string exists = fmt::format("{}EXISTS (SELECT 1 FROM {} WHERE {})",
                                     join.join == ast::JoinKind::LeftAnti ? "NOT " : "",
                                     right.value(), text(*join.condition));
    where = where.empty() ? exists : "(" + where + ") AND " + exists;
    return left.value();
  }

  Result<std::string> table_ref(const ast::TableRef& ref) {
    switch (ref.kind) {
      case ast::TableRef::Kind::Named:
        return name_text(ref.name) + alias_text(ref.alias);
      case ast::TableRef::Kind::Subquery: {
        auto sub = query(*ref.subquery);
        if (!sub) return sub.error();
        return "(" + sub.value() + ")" + alias_text(ref.alias);
      }
      case ast::TableRef::Kind::Function:
        return function(*ref.function) + alias_text(ref.alias);
      case ast::TableRef::Kind::Join:
        break;
    }
    if (ref.join == ast::JoinKind::LeftSemi || ref.join == ast::JoinKind::LeftAnti)
      return refuse(ref.pos,
                    "a SEMI / ANTI JOIN inside another join: Flink writes it as [NOT] EXISTS in "
                    "WHERE; make it the query's only FROM item");
    auto left = table_ref(*ref.left);
    if (!left) return left.error();
    auto right = table_ref(*ref.right);
    if (!right) return right.error();
    if (ref.join == ast::JoinKind::Cross) return left.value() + ", " + right.value();
    static const char* const kinds[] = {"JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN"};
    std::string out = left.value() + (ref.natural ? " NATURAL " : " ") +
                      kinds[static_cast<int>(ref.join)] + " " + right.value();
    if (ref.condition) out += " ON " + text(*ref.condition);
    if (!ref.using_columns.empty()) {
      out += " USING (";
      for (size_t i = 0; i < ref.using_columns.size(); ++i)
        out += (i ? ", " : "") + name_text(ref.using_columns[i]);
      out += ")";
    }
    return out;
  }

  std::string function(const ast::TableFunction& call) const {
    std::string out = "TABLE(" + name_text(call.name) + "(";
    for (size_t i = 0; i < call.args.size(); ++i) {
      const auto& arg = call.args[i];
      out += i ? ", " : "";
      switch (arg.kind) {
        case ast::TableArgument::Kind::Table:
          out += "TABLE " + name_text(arg.table);
          if (arg.partition_by.size() == 1)
            out += " PARTITION BY " + name_text(arg.partition_by[0]);
          if (arg.partition_by.size() > 1) {
            out += " PARTITION BY (";
            for (size_t k = 0; k < arg.partition_by.size(); ++k)
              out += (k ? ", " : "") + name_text(arg.partition_by[k]);
            out += ")";
          }
          break;
        case ast::TableArgument::Kind::Descriptor:
          out += "DESCRIPTOR(";
          for (size_t k = 0; k < arg.columns.size(); ++k)
            out += (k ? ", " : "") + name_text(arg.columns[k]);
          out += ")";
          break;
        case ast::TableArgument::Kind::Expr:
          out += text(*arg.expr);
          break;
      }
    }
    return out + "))";
  }

  const Catalog& catalog_;
  std::string base_directory_;
  const FlinkNames& names_;
  int views_ = 0;
};

// The file connector's path, absolute: Flink resolves a relative one against its own working
// directory, eddy against the shell's or the script's folder.
std::string absolute_path(const std::string& path, const std::string& base_directory) {
  std::string resolved = resolve_relative_path(path, base_directory, false).path;
  std::error_code error;
  auto absolute = std::filesystem::absolute(resolved, error);
  return error ? resolved : absolute.lexically_normal().string();
}

Result<std::string> Translator::create_stream(const ast::CreateStream& create) {
  std::string comments;
  std::vector<std::pair<std::string, std::string>> options;
  std::string connector;
  for (const auto& option : create.options)
    if (lower(option.key) == "connector") connector = lower(option.value);
  static const char* const unsupported[] = {"stdin", "datagen", "nexmark", "embedded", "sqlite"};
  for (const char* name : unsupported)
    if (connector == name)
      return refuse(create.pos, "the " + connector +
                                    " connector: Flink has no connector that reads or writes "
                                    "the same rows");
  bool file = connector == "file" || connector == "filesystem";
  for (const auto& option : create.options) {
    std::string key = lower(option.key), value = option.value;
    if (key == "connector") {
      value = file ? "filesystem" : connector;
    } else if (key == "late.policy") {
      comments += "-- eddy's 'late.policy' = " + quote_string(value) +
                  ": Flink drops late rows and counts them in the numLateRecordsDropped metric\n";
      continue;
    } else if (key == "late.sink") {
      comments += "-- eddy's 'late.sink' = " + quote_string(value) +
                  ": Flink has no late-row output for SQL; its late rows are dropped and counted "
                  "in the numLateRecordsDropped metric\n";
      continue;
    } else if (key == "source.idle-timeout") {
      prelude += "-- eddy's 'source.idle-timeout' of " + create.name.text +
                 "; Flink's idle timeout applies to every source\n";
      prelude += "SET 'table.exec.source.idle-timeout' = " + quote_string(value) + ";\n";
      continue;
    } else if (file && key == "path") {
      value = absolute_path(value, base_directory_);
    } else if (key == "format") {
      std::string format = lower(value);
      value = format == "jsonl" ? "json" : format;
    } else if (key == "csv.header") {
      if (lower(value) != "true") continue;
      // 'csv.ignore-parse-errors' would not do: it reads a header line as a row of NULLs (a NULL
      // rowtime fails the job).
      return refuse(option.pos,
                    "'csv.header' = 'true': Flink's csv format reads every line as a row and has "
                    "no option to skip a header; remove the header line from the file");
    } else if (key == "sink.changelog-mode" || key == "source.changelog-mode") {
      if (lower(value) == "insert-only") continue;
      return refuse(option.pos, "'" + option.key +
                                    "' = 'all': Flink's filesystem connector reads and writes "
                                    "inserts only (use 'format' = 'debezium-json' for changes)");
    }
    auto same =
        std::find_if(options.begin(), options.end(), [&](const auto& o) { return o.first == key; });
    if (same != options.end())
      same->second = value;
    else
      options.emplace_back(key, value);
  }
  if (create.watermark && create.watermark->idle_advance_ms)
    return refuse(create.watermark->pos,
                  "ADVANCE AFTER ... IDLE: Flink's watermark never follows the wall clock; "
                  "an idle source only stops holding the others back "
                  "('table.exec.source.idle-timeout')");

  std::vector<std::string> elements;
  for (const auto& column : create.columns) {
    if (column.computed)
      elements.push_back(quote_name(column.name.text) + " AS " +
                         names_.respell(column.computed->text, column.computed->pos));
    else
      elements.push_back(quote_name(column.name.text) + " " + column.type.to_string() +
                         (column.not_null ? " NOT NULL" : ""));
  }
  if (create.watermark)
    elements.push_back("WATERMARK FOR " + quote_name(names_.spelling(create.watermark->column)) +
                       " AS " +
                       names_.respell(create.watermark->expr->text, create.watermark->expr->pos));
  if (create.primary_key) {
    std::string key = "PRIMARY KEY (";
    for (size_t i = 0; i < create.primary_key->columns.size(); ++i)
      key += (i ? ", " : "") + quote_name(names_.spelling(create.primary_key->columns[i]));
    elements.push_back(key + ") NOT ENFORCED");
  }
  std::string out = comments + "CREATE TABLE " + quote_name(create.name.text) + " (\n";
  for (size_t i = 0; i < elements.size(); ++i)
    out += "  " + elements[i] + (i + 1 < elements.size() ? ",\n" : "\n");
  out += ") WITH (\n";
  for (size_t i = 0; i < options.size(); ++i)
    out += "  " + quote_string(options[i].first) + " = " + quote_string(options[i].second) +
           (i + 1 < options.size() ? ",\n" : "\n");
  return out + ")";
}

// eddy settings with a Flink counterpart; the others are the engine's own.
Result<std::string> set_statement(const ast::Set& set) {
  if (!set.key) return refuse(set.pos, "SET without a key lists eddy's settings");
  std::string key = lower(*set.key);
  if (key == "state.ttl")
    return "SET 'table.exec.state.ttl' = " + quote_string(*set.value == "0" ? "0 ms" : *set.value);
  if (key == "state.ttl.time" && lower(*set.value) == "event")
    return refuse(set.pos,
                  "'state.ttl.time' = 'event': Flink measures state TTL in processing time only");
  return "-- eddy setting " + quote_string(*set.key) + " = " + quote_string(*set.value) +
         " has no Flink counterpart";
}

}  // namespace

Result<std::string> to_flink(const ast::Statement& statement, const Catalog& catalog,
                             const std::string& base_directory) {
  auto names = FlinkNames::of(statement, catalog);
  if (!names) return names.error();
  Translator translator(catalog, base_directory, names.value());
  Result<std::string> text = std::string();
  using K = ast::StatementKind;
  switch (statement.kind) {
    case K::CreateStream:
      text = translator.create_stream(statement.as<ast::CreateStream>());
      break;
    case K::CreateView: {
      const auto& view = statement.as<ast::CreateView>();
      auto query = translator.query(*view.query);
      if (!query) return query.error();
      text = std::string(view.or_replace
                             ? "DROP TEMPORARY VIEW IF EXISTS " + quote_name(view.name.text) + ";\n"
                             : "") +
             "CREATE TEMPORARY VIEW " + (view.if_not_exists ? "IF NOT EXISTS " : "") +
             quote_name(view.name.text) + " AS\n" + query.value();
      break;
    }
    case K::Drop: {
      const auto& drop = statement.as<ast::Drop>();
      text =
          std::string(drop.what == ast::Drop::What::View ? "DROP TEMPORARY VIEW " : "DROP TABLE ") +
          (drop.if_exists ? "IF EXISTS " : "") + quote_name(names.value().spelling(drop.name));
      break;
    }
    case K::Set:
      text = set_statement(statement.as<ast::Set>());
      break;
    case K::Reset:
      text = std::string("-- RESET: Flink's settings of this script are those it SETs");
      break;
    case K::Query: {
      text = translator.query(*statement.as<ast::QueryStatement>().query);
      break;
    }
    case K::Insert: {
      const auto& insert = statement.as<ast::Insert>();
      auto query = translator.query(*insert.query);
      if (!query) return query.error();
      text =
          "INSERT INTO " + quote_name(names.value().spelling(insert.target)) + "\n" + query.value();
      break;
    }
    case K::Explain: {
      // EXPLAIN FLINK x is x's translation; EXPLAIN x becomes Flink's EXPLAIN of it.
      const auto& explain = statement.as<ast::Explain>();
      auto inner = to_flink(*explain.inner, catalog, base_directory);
      if (!inner || explain.flink) return inner;
      return "EXPLAIN " + inner.value();
    }
    case K::Show:
    case K::ShowCreate:
    case K::Describe:
    case K::Checkpoint:
      return refuse(statement.pos,
                    "SHOW, DESCRIBE and CHECKPOINT are eddy's shell statements, "
                    "not part of a job");
  }
  if (!text) return text.error();
  std::string out = translator.prelude + text.value();
  // A statement ends in ';' (a trailing comment line needs none).
  size_t last_line = out.rfind('\n', out.size() - 1);
  std::string_view tail(out.c_str() + (last_line == std::string::npos ? 0 : last_line + 1));
  if (tail.rfind("--", 0) != 0) out += ";";
  return out + "\n";
}

}  // namespace eddy
