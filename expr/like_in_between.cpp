// [NOT] LIKE ... [ESCAPE ...], [NOT] IN (...), [NOT] BETWEEN ... AND ...
#include <algorithm>

#include <fmt/format.h>

#include "expr/expr_internal.h"

namespace eddy::expr {

namespace {

// Length of the UTF-8 sequence starting with byte c (1 for stray continuation bytes).
inline size_t utf8_len(unsigned char c) {
  if (c < 0xC0) return 1;
  if (c < 0xE0) return 2;
  if (c < 0xF0) return 3;
  return 4;
}

// ---------------------------------------------------------------------------------------------
// LIKE patterns, compiled once: the common shapes ('abc', 'abc%', '%abc', '%abc%') become a
// single comparison; anything else runs a backtracking matcher over literal runs and wildcards.

class LikePattern {
 public:
  // False with `error` set when the pattern misuses the escape character.
  bool compile(std::string_view pattern, int escape, std::string& error) {
    elems_.clear();
    for (size_t i = 0; i < pattern.size(); ++i) {
      const char c = pattern[i];
      if (escape >= 0 && c == char(escape)) {
        if (i + 1 >= pattern.size() ||
            (pattern[i + 1] != '%' && pattern[i + 1] != '_' && pattern[i + 1] != char(escape))) {
          error = fmt::format("invalid escape sequence in LIKE pattern '{}'", pattern);
          return false;
        }
        add_literal(pattern[++i]);
      } else if (c == '%') {
        if (elems_.empty() || elems_.back().kind != Kind::Many) elems_.push_back({Kind::Many, {}});
      } else if (c == '_') {
        elems_.push_back({Kind::One, {}});
      } else {
        add_literal(c);
      }
    }
    classify();
    return true;
  }

  bool matches(std::string_view s) const {
    switch (shape_) {
      case Shape::Exact:
        return s == text_;
      case Shape::Prefix:
        return s.substr(0, text_.size()) == text_;
      case Shape::Suffix:
        return s.size() >= text_.size() && s.substr(s.size() - text_.size()) == text_;
      case Shape::Contains:
        return s.find(text_) != std::string_view::npos;
      case Shape::General:
        return general(s);
    }
    return false;
  }

 private:
  enum class Kind { Literal, One, Many };
  enum class Shape { Exact, Prefix, Suffix, Contains, General };
  struct Elem {
    Kind kind;
    std::string text;
  };

  void add_literal(char c) {
    if (elems_.empty() || elems_.back().kind != Kind::Literal)
      elems_.push_back({Kind::Literal, {}});
    elems_.back().text += c;
  }

  void classify() {
    const auto is = [&](size_t i, Kind k) { return elems_[i].kind == k; };
    const size_t n = elems_.size();
    shape_ = Shape::General;
    text_.clear();
    if (n == 0) {
      shape_ = Shape::Exact;
    } else if (n == 1 && is(0, Kind::Literal)) {
      shape_ = Shape::Exact, text_ = elems_[0].text;
    } else if (n == 1 && is(0, Kind::Many)) {
      shape_ = Shape::Prefix;
    } else if (n == 2 && is(0, Kind::Literal) && is(1, Kind::Many)) {
      shape_ = Shape::Prefix, text_ = elems_[0].text;
    } else if (n == 2 && is(0, Kind::Many) && is(1, Kind::Literal)) {
      shape_ = Shape::Suffix, text_ = elems_[1].text;
    } else if (n == 3 && is(0, Kind::Many) && is(1, Kind::Literal) && is(2, Kind::Many)) {
      shape_ = Shape::Contains, text_ = elems_[1].text;
    }
  }

  bool general(std::string_view s) const {
    size_t e = 0, p = 0;
    size_t star_e = SIZE_MAX, star_p = 0;
    for (;;) {
      if (e < elems_.size()) {
        const Elem& elem = elems_[e];
        if (elem.kind == Kind::Many) {
          star_e = e++;
          star_p = p;
          continue;
        }
        if (elem.kind == Kind::One && p < s.size()) {
          p += utf8_len(static_cast<unsigned char>(s[p]));
          ++e;
          continue;
        }
        if (elem.kind == Kind::Literal && s.substr(p, elem.text.size()) == elem.text) {
          p += elem.text.size();
          ++e;
          continue;
        }
      } else if (p >= s.size()) {
        return true;
      }
      // Mismatch: let the last % swallow one more character and retry from there.
      if (star_e == SIZE_MAX || star_p >= s.size()) return false;
      star_p += utf8_len(static_cast<unsigned char>(s[star_p]));
      p = star_p;
      e = star_e + 1;
    }
  }

  std::vector<Elem> elems_;
  Shape shape_ = Shape::Exact;
  std::string text_;
};

bool escape_char(std::string_view text, int& escape, std::string& error) {
  if (text.size() != 1) {
    error = fmt::format("LIKE escape must be a single character, got '{}'", text);
    return false;
  }
  escape = static_cast<unsigned char>(text[0]);
  return true;
}

class LikeExpr final : public Expr {
 public:
  LikeExpr(std::vector<ExprPtr> children, bool negated, std::optional<LikePattern> compiled,
           bool constant_null)
      : Expr(Type::boolean(), true, std::move(children)),
        negated_(negated),
        compiled_(std::move(compiled)),
        constant_null_(constant_null) {
    if (!compiled_ && !constant_null_) set_may_fail();  // a bad pattern from the data
  }

  void eval(const Batch& input, Column& out) const override {
    const size_t n = input.rows;
    Arg s;
    eval_arg(child(0), input, s);
    reset_column(out, Type::boolean(), n);
    if (constant_null_) {
      out.nulls.assign(n, 1);
      return;
    }
    if (compiled_) {
      union_nulls({&s}, n, out);
      if (s.all_null()) return;
      for (size_t i = 0; i < n; ++i) {
        out.ints[i] = !out.is_null(i) && compiled_->matches(s.str(i)) != negated_;
      }
      return;
    }
    Arg pattern, escape;
    eval_arg(child(1), input, pattern);
    const bool has_escape = children().size() > 2;
    if (has_escape) eval_arg(child(2), input, escape);
    if (has_escape) {
      union_nulls({&s, &pattern, &escape}, n, out);
    } else {
      union_nulls({&s, &pattern}, n, out);
    }
    // Patterns from the data: recompile only when the pattern text changes.
    LikePattern current;
    std::string current_text;
    int current_escape = -2;
    bool have = false;
    std::string error;
    for (size_t i = 0; i < n; ++i) {
      if (out.is_null(i)) continue;
      int esc = -1;
      if (has_escape && !escape_char(escape.str(i), esc, error))
        fail(Error::Kind::Runtime, "{}", error);
      const std::string_view p = pattern.str(i);
      if (!have || p != current_text || esc != current_escape) {
        if (!current.compile(p, esc, error)) fail(Error::Kind::Runtime, "{}", error);
        current_text.assign(p);
        current_escape = esc;
        have = true;
      }
      out.ints[i] = current.matches(s.str(i)) != negated_;
    }
  }

  std::string to_string() const override {
    std::string out =
        operand_string(child(0)) + (negated_ ? " NOT LIKE " : " LIKE ") + operand_string(child(1));
    if (children().size() > 2) out += " ESCAPE " + operand_string(child(2));
    return out;
  }
  bool is_compound() const override { return true; }

 private:
  bool negated_;
  std::optional<LikePattern> compiled_;
  bool constant_null_;
};

// ---------------------------------------------------------------------------------------------
// IN

// Sorted constant values of an IN list, searched per row.
struct ConstantSet {
  std::vector<int64_t> ints;
  std::vector<double> doubles;
  std::vector<std::string> strings;
  bool has_null = false;
};

class InListExpr final : public Expr {
 public:
  InListExpr(std::vector<ExprPtr> children, bool negated, std::optional<ConstantSet> set)
      : Expr(Type::boolean(), true, std::move(children)), negated_(negated), set_(std::move(set)) {}

  void eval(const Batch& input, Column& out) const override {
    const size_t n = input.rows;
    Arg x;
    eval_arg(child(0), input, x);
    reset_column(out, Type::boolean(), n);
    if (set_) {
      eval_set(x, n, out);
    } else {
      eval_general(input, x, n, out);
    }
    if (negated_) {
      for (size_t i = 0; i < n; ++i) out.ints[i] = !out.is_null(i) && !out.ints[i];
    }
  }

  std::string to_string() const override {
    std::string out = operand_string(child(0)) + (negated_ ? " NOT IN (" : " IN (");
    for (size_t i = 1; i < children().size(); ++i) {
      if (i > 1) out += ", ";
      out += child(i).to_string();
    }
    return out + ")";
  }
  bool is_compound() const override { return true; }

 private:
  void eval_set(const Arg& x, size_t n, Column& out) const {
    const ConstantSet& set = *set_;
    for (size_t i = 0; i < n; ++i) {
      if (x.null(i)) {
        out.set_null(i);
        continue;
      }
      bool found;
      switch (x.col.type.id) {
        case TypeId::Double:
          found = std::binary_search(set.doubles.begin(), set.doubles.end(), x.f64(i));
          break;
        case TypeId::String:
          found = std::binary_search(set.strings.begin(), set.strings.end(), x.str(i),
                                     [](const auto& a, const auto& b) {
                                       return std::string_view(a) < std::string_view(b);
                                     });
          break;
        default:
          found = std::binary_search(set.ints.begin(), set.ints.end(), x.i64(i));
          break;
      }
      if (found) {
        out.ints[i] = 1;
      } else if (set.has_null) {
        out.set_null(i);
      }
    }
  }

  void eval_general(const Batch& input, const Arg& x, size_t n, Column& out) const {
    // OR of equalities, three-valued: TRUE if any is TRUE, else NULL if any is NULL.
    std::vector<uint8_t> unknown(n, 0);
    Column eq;
    for (size_t k = 1; k < children().size(); ++k) {
      Arg item;
      eval_arg(child(k), input, item);
      compare_args(CompareOp::Eq, x, item, n, eq);
      for (size_t i = 0; i < n; ++i) {
        if (eq.is_null(i)) {
          unknown[i] = 1;
        } else if (eq.ints[i]) {
          out.ints[i] = 1;
        }
      }
    }
    for (size_t i = 0; i < n; ++i) {
      if (!out.ints[i] && unknown[i]) out.set_null(i);
    }
  }

  bool negated_;
  std::optional<ConstantSet> set_;
};

// ---------------------------------------------------------------------------------------------
// BETWEEN

class BetweenExpr final : public Expr {
 public:
  BetweenExpr(std::vector<ExprPtr> children, bool negated)
      : Expr(Type::boolean(), true, std::move(children)), negated_(negated) {}

  void eval(const Batch& input, Column& out) const override {
    const size_t n = input.rows;
    Arg x, lo, hi;
    eval_arg(child(0), input, x);
    eval_arg(child(1), input, lo);
    eval_arg(child(2), input, hi);
    Column ge, le;
    compare_args(CompareOp::Ge, x, lo, n, ge);
    compare_args(CompareOp::Le, x, hi, n, le);
    reset_column(out, Type::boolean(), n);
    for (size_t i = 0; i < n; ++i) {
      const bool gn = ge.is_null(i), ln = le.is_null(i);
      const bool gf = !gn && !ge.ints[i], lf = !ln && !le.ints[i];
      if (gf || lf) {
        out.ints[i] = negated_;
      } else if (gn || ln) {
        out.set_null(i);
      } else {
        out.ints[i] = !negated_;
      }
    }
  }
  std::string to_string() const override {
    return operand_string(child(0)) + (negated_ ? " NOT BETWEEN " : " BETWEEN ") +
           operand_string(child(1)) + " AND " + operand_string(child(2));
  }
  bool is_compound() const override { return true; }

 private:
  bool negated_;
};

bool stringish(Type t) { return t.id == TypeId::String || t.id == TypeId::Null; }

// Brings every expression to a type comparable with the others.
Status unify_for_comparison(std::vector<ExprPtr>& exprs, const char* what) {
  std::optional<Type> family = Type::null();
  for (const auto& e : exprs) {
    family = comparison_family(*family, e->type());
    if (!family) {
      return Status(bind_error(fmt::format("{}: cannot compare {} with {}", what,
                                           exprs[0]->type().to_string(), e->type().to_string())));
    }
  }
  for (auto& e : exprs) {
    Type target = comparison_target(e->type(), *family);  // before e is moved from
    e = coerce(std::move(e), target);
  }
  return Status::ok();
}

}  // namespace

}  // namespace eddy::expr

namespace eddy {

using namespace expr;

Result<ExprPtr> make_like(ExprPtr operand, ExprPtr pattern, ExprPtr escape, bool negated) {
  if (!stringish(operand->type()) || !stringish(pattern->type()) ||
      (escape && !stringish(escape->type()))) {
    return bind_error(fmt::format("LIKE needs STRING operands, got {} LIKE {}",
                                  operand->type().to_string(), pattern->type().to_string()));
  }
  std::vector<ExprPtr> children;
  children.push_back(coerce(std::move(operand), Type::string()));
  children.push_back(coerce(std::move(pattern), Type::string()));
  if (escape) children.push_back(coerce(std::move(escape), Type::string()));

  // Constant pattern (and escape): compile once, report mistakes now.
  std::optional<LikePattern> compiled;
  bool constant_null = false;
  const std::optional<Value> p = constant_value(*children[1]);
  std::optional<Value> e;
  if (children.size() > 2) e = constant_value(*children[2]);
  if (p && (children.size() == 2 || e)) {
    if (p->is_null() || (e && e->is_null())) {
      constant_null = true;
    } else {
      int esc = -1;
      std::string error;
      if (e && !escape_char(e->string_value(), esc, error)) return bind_error(error);
      LikePattern lp;
      if (!lp.compile(p->string_value(), esc, error)) return bind_error(error);
      compiled = std::move(lp);
    }
  }
  return ExprPtr(
      std::make_unique<LikeExpr>(std::move(children), negated, std::move(compiled), constant_null));
}

Result<ExprPtr> make_in_list(ExprPtr operand, std::vector<ExprPtr> list, bool negated) {
  if (list.empty()) return bind_error("IN needs at least one value");
  std::vector<ExprPtr> children;
  children.push_back(std::move(operand));
  for (auto& e : list) children.push_back(std::move(e));
  if (Status s = unify_for_comparison(children, "IN"); !s) return s.error();

  // All-constant lists become a sorted set when every value shares the operand's representation.
  std::optional<ConstantSet> set;
  const Type t = children[0]->type();
  bool all_constant = true;
  for (size_t i = 1; i < children.size(); ++i) {
    all_constant &= children[i]->is_constant();
    const Type it = children[i]->type();
    if (t.id == TypeId::Decimal || it.id == TypeId::Decimal) all_constant &= t.scale == it.scale;
  }
  if (all_constant) {
    ConstantSet s;
    for (size_t i = 1; i < children.size() && all_constant; ++i) {
      const std::optional<Value> v = constant_value(*children[i]);
      if (!v) {
        all_constant = false;
      } else if (v->is_null()) {
        s.has_null = true;
      } else if (t.id == TypeId::Double) {
        s.doubles.push_back(v->double_value());
      } else if (t.id == TypeId::String) {
        s.strings.push_back(v->string_value());
      } else if (t.id != TypeId::Null) {
        s.ints.push_back(v->int_value());
      }
    }
    if (all_constant) {
      std::sort(s.ints.begin(), s.ints.end());
      std::sort(s.doubles.begin(), s.doubles.end());
      std::sort(s.strings.begin(), s.strings.end());
      set = std::move(s);
    }
  }
  return ExprPtr(std::make_unique<InListExpr>(std::move(children), negated, std::move(set)));
}

Result<ExprPtr> make_between(ExprPtr operand, ExprPtr low, ExprPtr high, bool negated) {
  std::vector<ExprPtr> children;
  children.push_back(std::move(operand));
  children.push_back(std::move(low));
  children.push_back(std::move(high));
  if (Status s = unify_for_comparison(children, "BETWEEN"); !s) return s.error();
  return ExprPtr(std::make_unique<BetweenExpr>(std::move(children), negated));
}

}  // namespace eddy
