// FlinkNames (planner/flink_names.h): every name of a statement respelled as declared and
// quoted where Flink needs it.
#include "planner/flink_names.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include "planner/sql_text.h"

namespace eddy {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool plain_identifier(const std::string& name) {
  if (name.empty()) return false;
  const auto first = static_cast<unsigned char>(name[0]);
  if (!std::isalpha(first) && first != '_') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x80 && (std::isalnum(u) || u == '_');
  });
}

bool before(const ast::Pos& a, const ast::Pos& b) {
  return a.line != b.line ? a.line < b.line : a.column < b.column;
}

}  // namespace

std::string flink_identifier(const std::string& name) {
  return plain_identifier(name) && !flink_reserved(name) ? name : quote_name(name);
}

// What a name in a statement is, which decides where its declaration is looked for.
enum class FlinkNameRole {
  Table,        // a stream or view read or written (FROM, TABLE t, INSERT INTO, DROP)
  Qualifier,    // t. or alias. before a column or *
  Column,       // a column reference (also DESCRIPTOR, PARTITION BY, USING, WATERMARK FOR, KEY)
  Declaration,  // declared here: a new stream, view or column, an alias; kept as written
};

// Walks a statement's names: pass 1 gathers the declarations (also from the views it reads),
// pass 2 resolves each of the statement's own names.
class FlinkNameResolver {
 public:
  explicit FlinkNameResolver(const Catalog& catalog) : catalog_(catalog) {
    for (const StreamDef* stream : catalog.streams()) tables_[lower(stream->name)] = stream->name;
    for (const ViewDef* view : catalog.views()) tables_[lower(view->name)] = view->name;
    // The window table functions' columns, as Flink spells them.
    for (const char* column : {"window_start", "window_end", "window_time"}) add_column(column);
  }

  Result<FlinkNames> resolve(const ast::Statement& statement) {
    gathering_ = true;
    statement_names(statement);
    gathering_ = false;
    statement_names(statement);
    if (error_) return *error_;
    std::sort(names_.uses_.begin(), names_.uses_.end(),
              [](const auto& a, const auto& b) { return before(a.pos, b.pos); });
    return std::move(names_);
  }

 private:
  void add_column(const std::string& spelling) { columns_[lower(spelling)].insert(spelling); }

  // A stream or view the statement reads: its columns (a view's: those of what it reads, and
  // its aliases) can be referred to.
  void read_table(const std::string& name) {
    const std::string key = lower(name);
    if (!read_.insert(key).second) return;
    if (auto stream = catalog_.find_stream(name)) {
      for (const auto& field : stream->schema.fields) add_column(field.name);
    } else if (auto view = catalog_.find_view(name); view && view->query) {
      query(*view->query);  // still gathering: only declarations are taken from it
    }
  }

  void visit(const ast::Name& name, FlinkNameRole role, const ast::Name* qualifier = nullptr) {
    if (gathering_) {
      if (role == FlinkNameRole::Table) read_table(name.text);
      return;
    }
    if (name.pos.line <= 0) return;
    std::string spelling = name.quoted || role == FlinkNameRole::Declaration
                               ? name.text
                               : resolve(name, role, qualifier);
    names_.uses_.push_back({name.pos, spelling, flink_identifier(spelling)});
  }

  void declare_column(const ast::Name& name) {
    if (gathering_) add_column(name.text);
    visit(name, FlinkNameRole::Declaration);
  }
  void declare_table_alias(const ast::Name& alias, const std::string& table) {
    if (gathering_) {
      aliases_[lower(alias.text)] = alias.text;
      if (!table.empty()) alias_tables_[lower(alias.text)] = table;
    }
    visit(alias, FlinkNameRole::Declaration);
  }

  std::string resolve(const ast::Name& name, FlinkNameRole role, const ast::Name* qualifier) {
    const std::string key = lower(name.text);
    if (role == FlinkNameRole::Table || role == FlinkNameRole::Qualifier) {
      if (role == FlinkNameRole::Qualifier)
        if (auto alias = aliases_.find(key); alias != aliases_.end()) return alias->second;
      auto table = tables_.find(key);
      return table != tables_.end() ? table->second : name.text;
    }
    auto found = columns_.find(key);
    if (found == columns_.end()) return name.text;  // not a column eddy knows: as written
    const std::set<std::string>& spellings = found->second;
    if (spellings.size() == 1) return *spellings.begin();
    // Declared in several spellings: the qualifier's stream tells which, else the one written.
    if (qualifier != nullptr) {
      std::string table = qualifier->text;
      if (auto alias = alias_tables_.find(lower(table)); alias != alias_tables_.end())
        table = alias->second;
      if (auto stream = catalog_.find_stream(table))
        for (const auto& field : stream->schema.fields)
          if (lower(field.name) == key) return field.name;
    }
    if (spellings.count(name.text)) return name.text;
    if (!error_) {
      std::string choices;
      for (const auto& s : spellings) choices += (choices.empty() ? "'" : "', '") + s;
      error_ = Error{Error::Kind::Plan,
                     "cannot be written in Flink SQL: '" + name.text +
                         "' matches columns declared as " + choices +
                         "'; Flink's names are case-sensitive: write the column as declared "
                         "(or qualify it with its stream)",
                     name.pos.line, name.pos.column};
    }
    return name.text;
  }

  void statement_names(const ast::Statement& statement) {
    using K = ast::StatementKind;
    switch (statement.kind) {
      case K::CreateStream: {
        const auto& create = statement.as<ast::CreateStream>();
        visit(create.name, FlinkNameRole::Declaration);
        for (const auto& column : create.columns) declare_column(column.name);
        for (const auto& column : create.columns)
          if (column.computed) expr(*column.computed);
        if (create.watermark) {
          visit(create.watermark->column, FlinkNameRole::Column);
          expr(*create.watermark->expr);
        }
        if (create.primary_key) {
          if (create.primary_key->constraint)
            visit(*create.primary_key->constraint, FlinkNameRole::Declaration);
          for (const auto& column : create.primary_key->columns)
            visit(column, FlinkNameRole::Column);
        }
        break;
      }
      case K::CreateView: {
        const auto& view = statement.as<ast::CreateView>();
        visit(view.name, FlinkNameRole::Declaration);
        query(*view.query);
        break;
      }
      case K::Drop:
        visit(statement.as<ast::Drop>().name, FlinkNameRole::Table);
        break;
      case K::Insert: {
        const auto& insert = statement.as<ast::Insert>();
        visit(insert.target, FlinkNameRole::Table);
        query(*insert.query);
        break;
      }
      case K::Query:
        query(*statement.as<ast::QueryStatement>().query);
        break;
      case K::Explain:
        statement_names(*statement.as<ast::Explain>().inner);
        break;
      default:
        break;
    }
  }

  void query(const ast::QueryExpr& q) {
    for (const auto& select : q.selects) {
      if (select.from) table_ref(*select.from);
      for (const auto& item : select.items) {
        expr(*item.expr);
        if (item.alias) declare_column(*item.alias);
      }
      if (select.where) expr(*select.where);
      for (const auto& key : select.group_by) expr(*key);
      if (select.having) expr(*select.having);
    }
    for (const auto& item : q.order_by) expr(*item.expr);
  }

  void table_ref(const ast::TableRef& ref) {
    switch (ref.kind) {
      case ast::TableRef::Kind::Named:
        visit(ref.name, FlinkNameRole::Table);
        if (ref.alias) declare_table_alias(*ref.alias, ref.name.text);
        return;
      case ast::TableRef::Kind::Subquery:
        query(*ref.subquery);
        if (ref.alias) declare_table_alias(*ref.alias, "");
        return;
      case ast::TableRef::Kind::Function:
        for (const auto& arg : ref.function->args) {
          if (arg.kind == ast::TableArgument::Kind::Table) {
            visit(arg.table, FlinkNameRole::Table);
            for (const auto& key : arg.partition_by) visit(key, FlinkNameRole::Column);
          } else if (arg.kind == ast::TableArgument::Kind::Descriptor) {
            for (const auto& column : arg.columns) visit(column, FlinkNameRole::Column);
          } else if (arg.expr) {
            expr(*arg.expr);
          }
        }
        if (ref.alias) declare_table_alias(*ref.alias, "");
        return;
      case ast::TableRef::Kind::Join:
        table_ref(*ref.left);
        table_ref(*ref.right);
        if (ref.condition) expr(*ref.condition);
        for (const auto& column : ref.using_columns) visit(column, FlinkNameRole::Column);
        return;
    }
  }

  void expr(const ast::Expr& e) {
    using K = ast::ExprKind;
    switch (e.kind) {
      case K::Literal:
        return;
      case K::Column: {
        const auto& column = e.as<ast::ColumnRef>();
        if (column.qualifier) visit(*column.qualifier, FlinkNameRole::Qualifier);
        visit(column.name, FlinkNameRole::Column, column.qualifier ? &*column.qualifier : nullptr);
        return;
      }
      case K::Star:
        if (const auto& star = e.as<ast::Star>(); star.qualifier)
          visit(*star.qualifier, FlinkNameRole::Qualifier);
        return;
      case K::Unary:
        return expr(*e.as<ast::Unary>().operand);
      case K::Binary:
        expr(*e.as<ast::Binary>().left);
        return expr(*e.as<ast::Binary>().right);
      case K::Call:
        for (const auto& arg : e.as<ast::Call>().args) expr(*arg);
        return;
      case K::Case: {
        const auto& c = e.as<ast::Case>();
        if (c.operand) expr(*c.operand);
        for (const auto& [when, then] : c.whens) {
          expr(*when);
          expr(*then);
        }
        if (c.otherwise) expr(*c.otherwise);
        return;
      }
      case K::Cast:
        return expr(*e.as<ast::Cast>().operand);
      case K::IsNull:
        return expr(*e.as<ast::IsNull>().operand);
      case K::Like: {
        const auto& like = e.as<ast::Like>();
        expr(*like.operand);
        expr(*like.pattern);
        if (like.escape) expr(*like.escape);
        return;
      }
      case K::InList:
        expr(*e.as<ast::InList>().operand);
        for (const auto& item : e.as<ast::InList>().list) expr(*item);
        return;
      case K::Between: {
        const auto& between = e.as<ast::Between>();
        expr(*between.operand);
        expr(*between.low);
        return expr(*between.high);
      }
      case K::Exists:
        return query(*e.as<ast::Exists>().subquery);
      case K::InQuery:
        expr(*e.as<ast::InQuery>().operand);
        return query(*e.as<ast::InQuery>().subquery);
    }
  }

  const Catalog& catalog_;
  bool gathering_ = true;
  std::map<std::string, std::string> tables_;   // lower-case name -> stream or view as declared
  std::map<std::string, std::string> aliases_;  // table aliases
  std::map<std::string, std::string> alias_tables_;       // table alias -> the stream it names
  std::map<std::string, std::set<std::string>> columns_;  // lower-case -> declared spellings
  std::set<std::string> read_;
  std::optional<Error> error_;
  FlinkNames names_;
};

Result<FlinkNames> FlinkNames::of(const ast::Statement& statement, const Catalog& catalog) {
  return FlinkNameResolver(catalog).resolve(statement);
}

const FlinkNames::Use* FlinkNames::find(const ast::Pos& pos) const {
  auto it = std::lower_bound(uses_.begin(), uses_.end(), pos,
                             [](const Use& use, const ast::Pos& p) { return before(use.pos, p); });
  return it != uses_.end() && it->pos.line == pos.line && it->pos.column == pos.column ? &*it
                                                                                       : nullptr;
}

std::string FlinkNames::spelling(const ast::Name& name) const {
  const Use* use = find(name.pos);
  return use ? use->spelling : name.text;
}

std::string FlinkNames::name(const ast::Name& name) const {
  const Use* use = find(name.pos);
  return use ? use->flink : name.quoted ? quote_name(name.text) : name.text;
}

namespace {

// The length of the identifier token at `at`: a quoted one up to its closing quote (a doubled
// quote inside), else letters, digits, '_' and '$' (any byte of a UTF-8 letter).
size_t token_length(const std::string& text, size_t at) {
  const char quote = text[at];
  if (quote == '`' || quote == '"') {
    size_t i = at + 1;
    while (i < text.size()) {
      if (text[i] != quote) {
        ++i;
      } else if (i + 1 < text.size() && text[i + 1] == quote) {
        i += 2;
      } else {
        return i + 1 - at;
      }
    }
    return 0;
  }
  size_t i = at;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!(c >= 0x80 || std::isalnum(c) || c == '_' || c == '$')) break;
    ++i;
  }
  return i - at;
}

}  // namespace

std::string FlinkNames::respell(const std::string& text, ast::Pos start) const {
  if (start.line <= 0) return text;
  std::string out;
  out.reserve(text.size());
  // Walk the text keeping its line and column as the parser counts them (code points).
  int line = start.line, column = start.column;
  size_t at = 0, copied = 0;
  auto first =
      std::lower_bound(uses_.begin(), uses_.end(), start,
                       [](const Use& use, const ast::Pos& p) { return before(use.pos, p); });
  for (auto use = first; use != uses_.end() && at < text.size(); ++use) {
    while (at < text.size() && before({line, column}, use->pos)) {
      const auto c = static_cast<unsigned char>(text[at++]);
      if (c == '\n') {
        ++line;
        column = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++column;
      }
    }
    if (at >= text.size() || line != use->pos.line || column != use->pos.column) continue;
    const size_t length = token_length(text, at);
    if (length == 0) continue;
    out.append(text, copied, at - copied);
    out += use->flink;
    copied = at + length;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

}  // namespace eddy
