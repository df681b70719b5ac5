// Literals, column references, and the evaluation helpers every node uses.
#include <cstring>

#include <fmt/format.h>

#include "expr/expr_internal.h"
#include "expr/time_util.h"

namespace eddy {
namespace expr {

// ---------------------------------------------------------------------------------------------
// Expr base

Expr::Expr(Type type, bool nullable, std::vector<ExprPtr>&& children)
    : BoundExpr(type, nullable), children_(std::move(children)) {
  for (const auto& c : children_) {
    if (expr::may_fail(*c)) may_fail_ = true;
  }
}

bool Expr::any_nullable(const std::vector<ExprPtr>& children) {
  for (const auto& c : children) {
    if (c->nullable()) return true;
  }
  return false;
}

std::vector<ExprPtr> exprs(ExprPtr a, ExprPtr b, ExprPtr c) {
  std::vector<ExprPtr> v;
  for (ExprPtr* e : {&a, &b, &c}) {
    if (*e) v.push_back(std::move(*e));
  }
  return v;
}

bool Expr::is_constant() const {
  if (children_.empty()) return false;
  for (const auto& c : children_) {
    if (!c->is_constant()) return false;
  }
  return true;
}

bool may_fail(const BoundExpr& e) {
  const auto* x = dynamic_cast<const Expr*>(&e);
  return x == nullptr || x->may_fail();
}

bool is_compound(const BoundExpr& e) {
  const auto* x = dynamic_cast<const Expr*>(&e);
  return x != nullptr && x->is_compound();
}

void collect_columns(const BoundExpr& e, std::vector<bool>& used) {
  const auto* x = dynamic_cast<const Expr*>(&e);
  if (x == nullptr) {
    used.assign(used.size(), true);
    return;
  }
  const int index = x->column_index();
  if (index >= 0 && size_t(index) < used.size()) used[size_t(index)] = true;
  for (const auto& c : x->children()) collect_columns(*c, used);
}

}  // namespace expr

std::vector<bool> columns_read(const BoundExpr& e, size_t columns) {
  std::vector<bool> used(columns, false);
  expr::collect_columns(e, used);
  return used;
}

namespace expr {

std::string operand_string(const BoundExpr& e) {
  return is_compound(e) ? "(" + e.to_string() + ")" : e.to_string();
}

// ---------------------------------------------------------------------------------------------
// Evaluation helpers

void reset_column(Column& out, Type type, size_t n) {
  out.type = type;
  out.ints.clear();
  out.doubles.clear();
  out.strings.clear();
  out.nulls.clear();
  out.arenas.clear();
  out.resize(n);
}

void eval_one_row(const BoundExpr& e, Column& out) {
  Batch one;
  one.rows = 1;
  e.eval(one, out);
}

void eval_arg(const BoundExpr& e, const Batch& input, Arg& arg) {
  if (e.is_constant()) {
    eval_one_row(e, arg.col);
    arg.stride = 0;
  } else {
    e.eval(input, arg.col);
    arg.stride = 1;
  }
}

namespace {

template <class T>
void gather(const std::vector<T>& from, const std::vector<uint32_t>& rows, std::vector<T>& to) {
  to.resize(rows.size());
  for (size_t k = 0; k < rows.size(); ++k) to[k] = from[rows[k]];
}

}  // namespace

void eval_rows(const BoundExpr& e, const Batch& input, const std::vector<uint32_t>& rows,
               Column& out) {
  if (rows.size() == input.rows) {
    e.eval(input, out);
    return;
  }
  if (rows.empty()) {
    reset_column(out, e.type(), 0);
    return;
  }
  std::vector<bool> used(input.columns.size(), false);
  collect_columns(e, used);
  Batch sub;
  sub.rows = rows.size();
  sub.columns.resize(input.columns.size());
  for (size_t c = 0; c < input.columns.size(); ++c) {
    const Column& from = input.columns[c];
    Column& to = sub.columns[c];
    to.type = from.type;
    if (!used[c]) continue;
    switch (from.type.id) {
      case TypeId::Double:
        gather(from.doubles, rows, to.doubles);
        break;
      case TypeId::String:
        gather(from.strings, rows, to.strings);
        break;
      default:
        gather(from.ints, rows, to.ints);
        break;
    }
    if (!from.nulls.empty()) gather(from.nulls, rows, to.nulls);
    to.arenas = from.arenas;
  }
  e.eval(sub, out);
}

bool union_nulls(const std::vector<const Arg*>& args, size_t n, Column& out) {
  bool any_mask = false;
  for (const Arg* a : args) any_mask |= a->has_nulls();
  if (!any_mask) return false;
  out.nulls.assign(n, 0);
  for (const Arg* a : args) {
    if (!a->has_nulls()) continue;
    if (a->constant()) {
      if (a->null(0)) std::memset(out.nulls.data(), 1, n);
    } else {
      const uint8_t* src = a->col.nulls.data();
      uint8_t* dst = out.nulls.data();
      for (size_t i = 0; i < n; ++i) dst[i] |= src[i];
    }
  }
  trim_nulls(out);
  return !out.nulls.empty();
}

void trim_nulls(Column& out) {
  if (!out.nulls.empty() && std::memchr(out.nulls.data(), 1, out.nulls.size()) == nullptr) {
    out.nulls.clear();
  }
}

void copy_cell(const Column& src, size_t src_row, Column& dst, size_t dst_row) {
  if (src.is_null(src_row)) {
    dst.set_null(dst_row);
    return;
  }
  switch (dst.type.id) {
    case TypeId::Double:
      dst.doubles[dst_row] = src.doubles[src_row];
      break;
    case TypeId::String:
      dst.strings[dst_row] = src.strings[src_row];
      break;
    default:
      dst.ints[dst_row] = src.ints[src_row];
      break;
  }
  if (!dst.nulls.empty()) dst.nulls[dst_row] = 0;
}

int compare_cells(const Column& a, size_t ia, const Column& b, size_t ib) {
  switch (a.type.id) {
    case TypeId::Double: {
      const double x = a.doubles[ia], y = b.doubles[ib];
      return x < y ? -1 : (y < x ? 1 : 0);
    }
    case TypeId::String: {
      const int c = a.strings[ia].compare(b.strings[ib]);
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    default: {
      const int64_t x = a.ints[ia], y = b.ints[ib];
      return x < y ? -1 : (y < x ? 1 : 0);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Literal text

std::string literal_text(const Value& v) {
  if (v.is_null()) return "NULL";
  switch (v.type().id) {
    case TypeId::String: {
      std::string out = "'";
      for (char c : v.string_value()) {
        if (c == '\'') out += '\'';
        out += c;
      }
      return out + "'";
    }
    case TypeId::Timestamp:
      return "TIMESTAMP '" + format_timestamp(v.int_value()) + "'";
    case TypeId::Date:
      return "DATE '" + format_date(v.int_value()) + "'";
    case TypeId::Time:
      return "TIME '" + format_time(v.int_value(), v.type().precision) + "'";
    case TypeId::IntervalMonths: {
      const int64_t months = v.int_value();
      if (months % 12 == 0) return fmt::format("INTERVAL '{}' YEAR", months / 12);
      return fmt::format("INTERVAL '{}' MONTH", months);
    }
    case TypeId::Interval: {
      const int64_t ms = v.int_value();
      static constexpr std::pair<int64_t, const char*> kUnits[] = {
          {86'400'000, "DAY"}, {3'600'000, "HOUR"}, {60'000, "MINUTE"}, {1000, "SECOND"}};
      for (const auto& [unit, name] : kUnits) {
        if (ms % unit == 0) return fmt::format("INTERVAL '{}' {}", ms / unit, name);
      }
      return fmt::format("INTERVAL '{}' SECOND", format_decimal(ms, 3));
    }
    default:
      return v.to_string();
  }
}

std::optional<Value> constant_value(const BoundExpr& e) {
  if (!e.is_constant()) return std::nullopt;
  try {
    Column c;
    eval_one_row(e, c);
    return c.get(0);
  } catch (const Failure&) {
    return std::nullopt;
  }
}

namespace {

// ---------------------------------------------------------------------------------------------
// Nodes

class LiteralExpr final : public Expr {
 public:
  explicit LiteralExpr(const Value& v) : Expr(v.type(), v.is_null()), value_(v) {}

  void eval(const Batch& input, Column& out) const override {
    const size_t n = input.rows;
    reset_column(out, type(), n);
    if (value_.is_null() || type().id == TypeId::Null) {
      out.nulls.assign(n, 1);
      return;
    }
    switch (type().id) {
      case TypeId::Double:
        std::fill(out.doubles.begin(), out.doubles.end(), value_.double_value());
        break;
      case TypeId::String: {
        // One copy in the output's arena, so the column outlives this expression safely.
        const std::string_view s = out.arena().store(value_.string_value());
        std::fill(out.strings.begin(), out.strings.end(), s);
        break;
      }
      default:
        std::fill(out.ints.begin(), out.ints.end(), value_.int_value());
        break;
    }
  }
  std::string to_string() const override { return literal_text(value_); }
  bool is_constant() const override { return true; }

 private:
  Value value_;
};

class ColumnRefExpr final : public Expr {
 public:
  ColumnRefExpr(int index, const Field& field)
      : Expr(field.type, field.nullable), index_(index), name_(field.name) {}

  void eval(const Batch& input, Column& out) const override {
    // Values are copied, string bytes shared (the copy holds the input's arenas).
    out = input.columns[size_t(index_)];
    out.type = type();
  }
  std::string to_string() const override { return name_; }
  int column_index() const override { return index_; }
  void set_index(int index) { index_ = index; }

 private:
  int index_;
  std::string name_;
};

}  // namespace
}  // namespace expr

namespace {

// Whether remap_columns can rewrite every column reference of `e`.
bool remappable(const BoundExpr& e, const std::vector<int>& mapping) {
  const auto* x = dynamic_cast<const expr::Expr*>(&e);
  if (x == nullptr) return false;
  const int index = x->column_index();
  if (index >= 0 && (size_t(index) >= mapping.size() || mapping[size_t(index)] < 0)) return false;
  for (const auto& c : x->children())
    if (!remappable(*c, mapping)) return false;
  return true;
}

void remap(BoundExpr& e, const std::vector<int>& mapping) {
  if (auto* ref = dynamic_cast<expr::ColumnRefExpr*>(&e))
    ref->set_index(mapping[size_t(ref->column_index())]);
  for (const auto& c : static_cast<expr::Expr&>(e).children()) remap(*c, mapping);
}

}  // namespace

bool remap_columns(BoundExpr& e, const std::vector<int>& mapping) {
  if (!remappable(e, mapping)) return false;
  remap(e, mapping);
  return true;
}

ExprPtr make_literal(const Value& value) { return std::make_unique<expr::LiteralExpr>(value); }

ExprPtr make_column_ref(int index, const Field& field) {
  return std::make_unique<expr::ColumnRefExpr>(index, field);
}

Value eval_constant(const BoundExpr& e) {
  Column c;
  expr::eval_one_row(e, c);
  return c.get(0);
}

}  // namespace eddy
