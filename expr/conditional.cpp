// CASE (simple and searched), COALESCE / IFNULL, IF, NULLIF, GREATEST, LEAST.
//
// A branch is evaluated only on the rows that take it when it could fail, so
// `CASE WHEN x = 0 THEN 0 ELSE 10 / x END` never divides by zero; branches that cannot fail are
// evaluated over the whole batch (a tight loop beats gathering rows).
#include <numeric>

#include <fmt/format.h>

#include "expr/expr_internal.h"

namespace eddy::expr {

namespace {

// Result type of values meeting in one column, and every value coerced to it.
Result<Type> unify_super(std::vector<ExprPtr*> exprs, const std::string& what) {
  Type t = Type::null();
  for (ExprPtr* e : exprs) {
    const std::optional<Type> next = common_super_type(t, (*e)->type());
    if (!next) {
      return bind_error(fmt::format("{} mixes incompatible types {} and {}", what, t.to_string(),
                                    (*e)->type().to_string()));
    }
    t = *next;
  }
  for (ExprPtr* e : exprs) *e = coerce(std::move(*e), t);
  return t;
}

// Evaluates `e` for `rows` of input and writes the values into those rows of `out`.
void fill_rows(const BoundExpr& e, const Batch& input, const std::vector<uint32_t>& rows,
               Column& out) {
  if (rows.empty()) return;
  if (expr::may_fail(e) && rows.size() < input.rows) {
    Column part;
    eval_rows(e, input, rows, part);
    out.share_arenas(part);
    for (size_t k = 0; k < rows.size(); ++k) copy_cell(part, k, out, rows[k]);
  } else {
    Arg whole;
    eval_arg(e, input, whole);
    out.share_arenas(whole.col);
    for (uint32_t r : rows) copy_cell(whole.col, r * whole.stride, out, r);
  }
}

// True/false/NULL of a BOOLEAN condition evaluated on `rows`; returns per-position truth.
std::vector<uint8_t> condition_on(const BoundExpr& cond, const Batch& input,
                                  const std::vector<uint32_t>& rows) {
  std::vector<uint8_t> truth(rows.size());
  if (expr::may_fail(cond) && rows.size() < input.rows) {
    Column c;
    eval_rows(cond, input, rows, c);
    for (size_t k = 0; k < rows.size(); ++k) truth[k] = !c.is_null(k) && c.ints[k];
  } else {
    Arg c;
    eval_arg(cond, input, c);
    for (size_t k = 0; k < rows.size(); ++k) truth[k] = !c.null(rows[k]) && c.i64(rows[k]);
  }
  return truth;
}

std::vector<uint32_t> all_rows(size_t n) {
  std::vector<uint32_t> rows(n);
  std::iota(rows.begin(), rows.end(), 0u);
  return rows;
}

class CaseExpr final : public Expr {
 public:
  // children: [operand] (when, then)* [else]
  CaseExpr(Type type, bool nullable, std::vector<ExprPtr> children, bool has_operand, bool has_else,
           bool as_if)
      : Expr(type, nullable, std::move(children)),
        has_operand_(has_operand),
        has_else_(has_else),
        as_if_(as_if) {}

  size_t whens() const { return (children().size() - has_operand_ - has_else_) / 2; }
  const BoundExpr& when(size_t k) const { return child(has_operand_ + 2 * k); }
  const BoundExpr& then(size_t k) const { return child(has_operand_ + 2 * k + 1); }

  void eval(const Batch& input, Column& out) const override {
    const size_t n = input.rows;
    reset_column(out, type(), n);
    std::vector<uint32_t> remaining = all_rows(n);
    std::vector<std::vector<uint32_t>> taken(whens());
    Arg operand;
    if (has_operand_) eval_arg(child(0), input, operand);
    for (size_t k = 0; k < whens() && !remaining.empty(); ++k) {
      std::vector<uint8_t> truth;
      if (has_operand_) {
        truth = equal_on(operand, when(k), input, remaining);
      } else {
        truth = condition_on(when(k), input, remaining);
      }
      std::vector<uint32_t> rest;
      for (size_t j = 0; j < remaining.size(); ++j) {
        (truth[j] ? taken[k] : rest).push_back(remaining[j]);
      }
      remaining = std::move(rest);
    }
    for (size_t k = 0; k < whens(); ++k) fill_rows(then(k), input, taken[k], out);
    if (has_else_) {
      fill_rows(child(children().size() - 1), input, remaining, out);
    } else {
      for (uint32_t r : remaining) out.set_null(r);
    }
    trim_nulls(out);
  }

  std::string to_string() const override {
    if (as_if_) {
      return fmt::format("IF({}, {}, {})", when(0).to_string(), then(0).to_string(),
                         child(children().size() - 1).to_string());
    }
    std::string s = "CASE";
    if (has_operand_) s += " " + child(0).to_string();
    for (size_t k = 0; k < whens(); ++k) {
      s += " WHEN " + when(k).to_string() + " THEN " + then(k).to_string();
    }
    if (has_else_) s += " ELSE " + child(children().size() - 1).to_string();
    return s + " END";
  }

 private:
  // operand = value for the listed rows (operand and value share a representation).
  static std::vector<uint8_t> equal_on(const Arg& operand, const BoundExpr& value,
                                       const Batch& input, const std::vector<uint32_t>& rows) {
    std::vector<uint8_t> truth(rows.size());
    const auto test = [&](const Column& v, size_t vrow, size_t k) {
      const size_t r = rows[k] * operand.stride;
      truth[k] = !v.is_null(vrow) && !operand.col.is_null(r) &&
                 compare_cells(operand.col, r, v, vrow) == 0;
    };
    if (expr::may_fail(value) && rows.size() < input.rows) {
      Column c;
      eval_rows(value, input, rows, c);
      for (size_t k = 0; k < rows.size(); ++k) test(c, k, k);
    } else {
      Arg c;
      eval_arg(value, input, c);
      for (size_t k = 0; k < rows.size(); ++k) test(c.col, rows[k] * c.stride, k);
    }
    return truth;
  }

  bool has_operand_, has_else_, as_if_;
};

class CoalesceExpr final : public Expr {
 public:
  CoalesceExpr(std::string name, Type type, bool nullable, std::vector<ExprPtr> args)
      : Expr(type, nullable, std::move(args)), name_(std::move(name)) {}

  void eval(const Batch& input, Column& out) const override {
    const size_t n = input.rows;
    reset_column(out, type(), n);
    out.nulls.assign(n, 1);
    std::vector<uint32_t> remaining = all_rows(n);
    for (size_t k = 0; k < children().size() && !remaining.empty(); ++k) {
      fill_rows(child(k), input, remaining, out);
      std::vector<uint32_t> rest;
      for (uint32_t r : remaining) {
        if (out.nulls[r]) rest.push_back(r);
      }
      remaining = std::move(rest);
    }
    trim_nulls(out);
  }
  std::string to_string() const override {
    std::string s = name_ + "(";
    for (size_t k = 0; k < children().size(); ++k) s += (k ? ", " : "") + child(k).to_string();
    return s + ")";
  }

 private:
  std::string name_;
};

class NullIfExpr final : public Expr {
 public:
  NullIfExpr(Type type, std::vector<ExprPtr> args) : Expr(type, true, std::move(args)) {}

  void eval(const Batch& input, Column& out) const override {
    const size_t n = input.rows;
    Arg a, b;
    eval_arg(child(0), input, a);
    eval_arg(child(1), input, b);
    Column eq;
    compare_args(CompareOp::Eq, a, b, n, eq);
    reset_column(out, type(), n);
    out.share_arenas(a.col);
    for (size_t i = 0; i < n; ++i) {
      if (!eq.is_null(i) && eq.ints[i]) {
        out.set_null(i);
      } else {
        copy_cell(a.col, i * a.stride, out, i);
      }
    }
    trim_nulls(out);
  }
  std::string to_string() const override {
    return fmt::format("NULLIF({}, {})", child(0).to_string(), child(1).to_string());
  }
};

class ExtremeExpr final : public Expr {
 public:
  ExtremeExpr(bool greatest, Type type, bool nullable, std::vector<ExprPtr> args)
      : Expr(type, nullable, std::move(args)), greatest_(greatest) {}

  void eval(const Batch& input, Column& out) const override {
    const size_t n = input.rows;
    std::vector<Arg> args(children().size());
    std::vector<const Arg*> ptrs;
    for (size_t k = 0; k < args.size(); ++k) {
      eval_arg(child(k), input, args[k]);
      ptrs.push_back(&args[k]);
    }
    reset_column(out, type(), n);
    union_nulls(ptrs, n, out);  // NULL if any argument is NULL, as Flink
    for (const Arg& a : args) out.share_arenas(a.col);
    for (size_t i = 0; i < n; ++i) {
      if (out.is_null(i)) continue;
      size_t best = 0;
      for (size_t k = 1; k < args.size(); ++k) {
        const int c =
            compare_cells(args[k].col, i * args[k].stride, args[best].col, i * args[best].stride);
        if (greatest_ ? c > 0 : c < 0) best = k;
      }
      copy_cell(args[best].col, i * args[best].stride, out, i);
    }
  }
  std::string to_string() const override {
    std::string s = greatest_ ? "GREATEST(" : "LEAST(";
    for (size_t k = 0; k < children().size(); ++k) s += (k ? ", " : "") + child(k).to_string();
    return s + ")";
  }

 private:
  bool greatest_;
};

bool boolish(Type t) { return t.id == TypeId::Boolean || t.id == TypeId::Null; }

}  // namespace

Result<ExprPtr> make_coalesce(std::string name, std::vector<ExprPtr> args) {
  std::vector<ExprPtr*> all;
  for (auto& a : args) all.push_back(&a);
  Result<Type> t = unify_super(all, name);
  if (!t) return t.error();
  bool nullable = true;
  for (const auto& a : args) nullable &= a->nullable();
  return ExprPtr(std::make_unique<CoalesceExpr>(std::move(name), *t, nullable, std::move(args)));
}

Result<ExprPtr> make_if(std::vector<ExprPtr> args) {
  if (!boolish(args[0]->type())) {
    return bind_error(
        fmt::format("IF needs a BOOLEAN condition, got {}", args[0]->type().to_string()));
  }
  args[0] = coerce(std::move(args[0]), Type::boolean());
  Result<Type> t = unify_super({&args[1], &args[2]}, "IF");
  if (!t) return t.error();
  const bool nullable = args[1]->nullable() || args[2]->nullable();
  return ExprPtr(std::make_unique<CaseExpr>(*t, nullable, std::move(args), false, true, true));
}

Result<ExprPtr> make_nullif(std::vector<ExprPtr> args) {
  Result<Type> t = unify_super({&args[0], &args[1]}, "NULLIF");
  if (!t) return t.error();
  return ExprPtr(std::make_unique<NullIfExpr>(*t, std::move(args)));
}

Result<ExprPtr> make_greatest_least(bool greatest, std::vector<ExprPtr> args) {
  std::vector<ExprPtr*> all;
  for (auto& a : args) all.push_back(&a);
  Result<Type> t = unify_super(all, greatest ? "GREATEST" : "LEAST");
  if (!t) return t.error();
  bool nullable = false;
  for (const auto& a : args) nullable |= a->nullable();
  return ExprPtr(std::make_unique<ExtremeExpr>(greatest, *t, nullable, std::move(args)));
}

}  // namespace eddy::expr

namespace eddy {

Result<ExprPtr> make_case(ExprPtr operand, std::vector<std::pair<ExprPtr, ExprPtr>> whens,
                          ExprPtr otherwise) {
  using namespace expr;
  if (whens.empty()) return bind_error("CASE needs at least one WHEN");
  const bool has_operand = operand != nullptr;
  if (has_operand) {
    // Operand and WHEN values meet in comparisons: bring them to one representation.
    std::optional<Type> family = operand->type();
    for (auto& w : whens) {
      family = comparison_family(*family, w.first->type());
      if (!family) {
        return bind_error(fmt::format("CASE cannot compare {} with {}", operand->type().to_string(),
                                      w.first->type().to_string()));
      }
    }
    Type target = comparison_target(operand->type(), *family);
    if (target.is_numeric()) {  // exact numerics of different scales: use their super type
      std::optional<Type> super = operand->type().id == TypeId::Null ? target : operand->type();
      for (auto& w : whens) super = common_super_type(*super, w.first->type());
      if (super) target = *super;
    }
    operand = coerce(std::move(operand), target);
    for (auto& w : whens) w.first = coerce(std::move(w.first), target);
  } else {
    for (auto& w : whens) {
      if (!boolish(w.first->type())) {
        return bind_error(fmt::format("CASE WHEN needs a BOOLEAN condition, got {}",
                                      w.first->type().to_string()));
      }
      w.first = coerce(std::move(w.first), Type::boolean());
    }
  }
  std::vector<ExprPtr*> results;
  for (auto& w : whens) results.push_back(&w.second);
  if (otherwise) results.push_back(&otherwise);
  Result<Type> t = unify_super(results, "CASE");
  if (!t) return t.error();
  bool nullable = !otherwise;
  for (ExprPtr* r : results) nullable |= (*r)->nullable();

  std::vector<ExprPtr> children;
  const bool has_else = otherwise != nullptr;
  if (has_operand) children.push_back(std::move(operand));
  for (auto& w : whens) {
    children.push_back(std::move(w.first));
    children.push_back(std::move(w.second));
  }
  if (has_else) children.push_back(std::move(otherwise));
  return ExprPtr(
      std::make_unique<CaseExpr>(*t, nullable, std::move(children), has_operand, has_else, false));
}

}  // namespace eddy
