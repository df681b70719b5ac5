// Properties of the evaluator as a whole: a batch evaluated at once gives the same values as its
// rows evaluated one by one (and as any split into smaller batches); EXPLAIN text is readable SQL.
#include <random>

#include "expr_test_util.h"

namespace eddy {
namespace {

using namespace eddy::testing;

struct Data {
  Schema schema;
  Batch batch;
};

// Random rows over every type, about one value in six NULL.
Data random_data(size_t rows, uint32_t seed) {
  Data d;
  d.schema.fields = {{"i", Type::int32()},        {"b", Type::int64()},  {"x", Type::float64()},
                     {"m", Type::decimal(10, 2)}, {"s", Type::string()}, {"t", Type::timestamp()},
                     {"f", Type::boolean()},      {"p", Type::string()}};
  std::mt19937 rng(seed);
  const auto pick = [&](int n) { return int(rng() % uint32_t(n)); };
  const char* words[] = {"apple",  "Banana", "cherry pie", "naïve",
                         "日本語", "",       "a_b%c",      "  pad  "};
  const char* patterns[] = {"a%", "%e%", "_a%", "%", "日%", "a!_b%", "%!%%"};
  std::vector<std::vector<Value>> data;
  for (size_t r = 0; r < rows; ++r) {
    const auto maybe = [&](Value v, Type t) { return pick(6) == 0 ? Value::null(t) : v; };
    data.push_back({
        maybe(Value::integer(pick(2001) - 1000, Type::int32()), Type::int32()),
        maybe(Value::integer(int64_t(rng()) * 1000 - 2'000'000'000'000, Type::int64()),
              Type::int64()),
        maybe(Value::float64((pick(20001) - 10000) / 7.0), Type::float64()),
        maybe(Value::decimal(pick(200001) - 100000, Type::decimal(10, 2)), Type::decimal(10, 2)),
        maybe(Value::string(words[pick(8)]), Type::string()),
        maybe(Value::timestamp(int64_t(rng()) * 997 - 1'000'000'000'000), Type::timestamp()),
        maybe(Value::boolean(pick(2)), Type::boolean()),
        maybe(Value::string(patterns[pick(7)]), Type::string()),
    });
  }
  d.batch = make_batch(d.schema, data);
  return d;
}

std::vector<ExprPtr> expressions(const Schema& s) {
  const auto c = [&](const char* name) {
    const int i = s.find(name);
    return make_column_ref(i, s.fields[size_t(i)]);
  };
  std::vector<ExprPtr> e;
  e.push_back(bin("+", c("i"), lit(7)));
  e.push_back(bin("*", c("i"), c("b")));
  e.push_back(bin("-", c("x"), c("i")));
  e.push_back(bin("+", c("m"), c("i")));
  e.push_back(bin("*", c("m"), dec(150, 5, 2)));
  e.push_back(bin("/", c("m"), lit(7)));
  e.push_back(bin("AND", bin(">", c("i"), lit(0)), c("f")));
  e.push_back(bin("OR", bin("<", c("x"), dbl(0)), c("f")));
  e.push_back(bin("AND", bin("<>", c("i"), lit(0)), bin(">", bin("/", lit(1000), c("i")), lit(2))));
  e.push_back(bin(">=", c("m"), c("i")));
  e.push_back(bin("=", c("s"), str("apple")));
  e.push_back(bin("||", c("s"), str("!")));
  e.push_back(ok(make_like(c("s"), c("p"), str("!"), false)));
  e.push_back(ok(make_like(c("s"), str("%a%"), nullptr, true)));
  e.push_back(ok(make_in_list(c("i"), args(lit(1), lit(2), null_lit()), false)));
  e.push_back(ok(make_in_list(c("s"), args(str("apple"), c("p")), true)));
  e.push_back(ok(make_between(c("x"), lit(-100), c("i"), false)));
  e.push_back(ok(make_is_null(c("s"), false)));
  e.push_back(ok(make_cast(c("s"), Type::int32(), true)));
  e.push_back(ok(make_cast(c("x"), Type::decimal(12, 1), true)));
  e.push_back(ok(make_cast(c("t"), Type::string(), false)));
  e.push_back(fn("UPPER", args(c("s"))));
  e.push_back(fn("SUBSTRING", args(c("s"), c("i"), lit(3))));
  e.push_back(fn("CONCAT_WS", args(str("-"), c("s"), c("p"))));
  e.push_back(fn("COALESCE", args(c("i"), c("b"), big(0))));
  e.push_back(fn("GREATEST", args(c("x"), c("i"))));
  e.push_back(fn("ROUND", args(c("m"), lit(1))));
  e.push_back(fn("ROUND", args(c("x"), lit(2))));
  e.push_back(fn("DATE_FORMAT", args(c("t"), str("yyyy-MM-dd HH:mm:ss.SSS EEE"))));
  e.push_back(fn("EXTRACT", args(str("WEEK"), c("t"))));
  e.push_back(fn("FLOOR", args(c("t"), str("MONTH"))));
  e.push_back(bin("+", c("t"), interval_ms(90'000)));
  e.push_back(fn("IF", args(c("f"), c("s"), c("p"))));
  std::vector<std::pair<ExprPtr, ExprPtr>> w;
  w.emplace_back(bin("=", c("i"), lit(0)), lit(0));
  w.emplace_back(bin("<", c("i"), lit(0)), bin("/", lit(-1000), c("i")));
  e.push_back(ok(make_case(nullptr, std::move(w), bin("%", lit(1000), c("i")))));
  std::vector<std::pair<ExprPtr, ExprPtr>> sw;
  sw.emplace_back(str("apple"), lit(1));
  sw.emplace_back(str("日本語"), lit(2));
  e.push_back(ok(make_case(c("s"), std::move(sw), nullptr)));
  return e;
}

TEST(EvaluationProperty, WholeBatchEqualsRowByRowAndAnySplit) {
  const Data d = random_data(500, 7);
  const auto exprs = expressions(d.schema);
  for (const auto& e : exprs) {
    SCOPED_TRACE(e->to_string());
    const std::vector<Value> whole = eval_all(*e, d.batch);
    // One row at a time.
    for (size_t r = 0; r < d.batch.rows; ++r) {
      Batch one;
      one.append_row(d.batch, r);
      Column out;
      e->eval(one, out);
      ASSERT_EQ(out.size(), 1u);
      ASSERT_EQ(out.get(0), whole[r]) << "row " << r;
    }
    // Uneven chunks, via select.
    size_t start = 0;
    for (size_t size : {1u, 2u, 3u, 64u, 100u, 330u}) {
      if (start >= d.batch.rows) break;
      std::vector<uint32_t> rows;
      for (size_t r = start; r < std::min(d.batch.rows, start + size); ++r)
        rows.push_back(uint32_t(r));
      Batch part = d.batch;
      part.select(rows);
      const auto got = eval_all(*e, part);
      for (size_t k = 0; k < rows.size(); ++k) ASSERT_EQ(got[k], whole[rows[k]]);
      start += size;
    }
    // Declared nullability holds.
    if (!e->nullable()) {
      for (const auto& v : whole) ASSERT_FALSE(v.is_null());
    }
    // The result type is the declared one.
    Column out;
    e->eval(d.batch, out);
    ASSERT_EQ(out.type, e->type());
  }
}

TEST(EvaluationProperty, OutputNullMaskOnlyWhenANullOccurs) {
  Schema s;
  s.fields = {{"i", Type::int32(), false}};
  Batch b = make_batch(s, {{Value::integer(1, Type::int32())}, {Value::integer(2, Type::int32())}});
  Column out;
  bin("+", make_column_ref(0, s.fields[0]), lit(1))->eval(b, out);
  EXPECT_TRUE(out.nulls.empty());
  fn("UPPER", args(ok(make_cast(make_column_ref(0, s.fields[0]), Type::string(), false))))
      ->eval(b, out);
  EXPECT_TRUE(out.nulls.empty());
  EXPECT_EQ(out.get(1), Value::string("2"));
}

TEST(EvaluationProperty, StringResultsOutliveTheirInputs) {
  Column out;
  {
    Schema s;
    s.fields = {{"s", Type::string()}};
    Batch b = make_batch(s, {{Value::string("hello world")}});
    ExprPtr e = fn("SUBSTRING", args(make_column_ref(0, s.fields[0]), lit(7)));
    e->eval(b, out);
  }
  EXPECT_EQ(out.get(0), Value::string("world"));
}

TEST(Explain, ReadableSql) {
  Schema s;
  s.fields = {{"price", Type::int32()}, {"name", Type::string()}, {"ts", Type::timestamp()}};
  const auto c = [&](int i) { return make_column_ref(i, s.fields[size_t(i)]); };
  EXPECT_EQ(bin("AND", bin(">", c(0), lit(10)), ok(make_like(c(1), str("a%"), nullptr, false)))
                ->to_string(),
            "(price > 10) AND (name LIKE 'a%')");
  EXPECT_EQ(bin("*", bin("+", c(0), lit(1)), dbl(2.5))->to_string(), "(price + 1) * 2.5");
  EXPECT_EQ(ok(make_is_null(c(1), true))->to_string(), "name IS NOT NULL");
  EXPECT_EQ(ok(make_in_list(c(0), args(lit(1), lit(2)), true))->to_string(), "price NOT IN (1, 2)");
  EXPECT_EQ(ok(make_between(c(0), lit(1), lit(5), false))->to_string(), "price BETWEEN 1 AND 5");
  EXPECT_EQ(bin(">", c(2), str("2024-01-01"))->to_string(), "ts > '2024-01-01'");
  EXPECT_EQ(bin("-", c(2), interval_ms(5000))->to_string(), "ts - INTERVAL '5' SECOND");
  EXPECT_EQ(fn("lower", args(c(1)))->to_string(), "LOWER(name)");
  EXPECT_EQ(ok(make_unary("NOT", bin("=", c(1), str("it's"))))->to_string(),
            "NOT (name = 'it''s')");
  std::vector<std::pair<ExprPtr, ExprPtr>> w;
  w.emplace_back(bin(">", c(0), lit(100)), str("big"));
  EXPECT_EQ(ok(make_case(nullptr, std::move(w), str("small")))->to_string(),
            "CASE WHEN price > 100 THEN 'big' ELSE 'small' END");
  EXPECT_EQ(bin("+", c(0), dec(150, 5, 2))->to_string(), "price + 1.50");
  EXPECT_EQ(bin("=", null_lit(), c(0))->to_string(), "NULL = price");
}

TEST(Constants, LiteralsAndConstantExpressions) {
  EXPECT_TRUE(bin("+", lit(1), lit(2))->is_constant());
  Schema s;
  s.fields = {{"i", Type::int32()}};
  EXPECT_FALSE(bin("+", make_column_ref(0, s.fields[0]), lit(2))->is_constant());
  EXPECT_EQ(eval_constant(*bin("*", lit(6), lit(7))), Value::integer(42, Type::int32()));
  EXPECT_EQ(eval_constant(*str("x")), Value::string("x"));
  // A literal column is materialized per row when asked to.
  Batch b = make_batch(s, {{Value::integer(1, Type::int32())}, {Value::integer(2, Type::int32())}});
  EXPECT_EQ(eval_all(*str("k"), b), (std::vector<Value>{Value::string("k"), Value::string("k")}));
}

}  // namespace
}  // namespace eddy
