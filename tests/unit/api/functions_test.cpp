// Functions registered with an Engine: C++ scalar functions (Engine::register_function) in
// SELECT, WHERE and GROUP BY, with their argument checks and runtime failures; and table
// functions (TableFunctionDef on the engine's catalog) called in FROM, here with a pass-through
// test operator, for their binding, output schema, time attribute, EXPLAIN and bind errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "api/engine_internals.h"
#include "eddy/engine.h"
#include "runtime/operator.h"

namespace eddy {
namespace {

namespace fs = std::filesystem;

// Echoes each row of input `port`: the row's PARTITION BY columns, then per declared output
// column the input's column of that name (NULL if it has none; `arg` is the first constant
// argument), then the row's rowtime as `rowtime`. Arrival watermarks and watermarks pass on.
class EchoOperator final : public Operator {
 public:
  explicit EchoOperator(TableFunctionCall call) : call_(std::move(call)) {}

  void on_batch(Batch& batch, int port, Output& out) override {
    const Schema& in = call_.inputs[port];
    const std::vector<int>& keys = call_.partition_by[port];
    const size_t declared = call_.output.size() - keys.size() - 1;
    Batch result = Batch::with_schema(call_.output);
    for (size_t row = 0; row < batch.rows; ++row) {
      size_t column = 0;
      for (int key : keys) result.columns[column++].append(batch.columns[key].get(row));
      for (size_t d = 0; d < declared; ++d, ++column) {
        const std::string& name = call_.output[column].name;
        const int from = in.find(name);
        if (from >= 0)
          result.columns[column].append(batch.columns[from].get(row));
        else if (name == "arg" && !call_.args.empty())
          result.columns[column].append(call_.args[0]);
        else
          result.columns[column].append_null();
      }
      result.columns[column].append(Value::timestamp(batch.columns[in.rowtime].ints[row]));
      ++result.rows;
    }
    result.arrival_watermark = batch.arrival_watermark;
    metrics_.rows_in += batch.rows;
    metrics_.rows_out += result.rows;
    if (result.rows > 0) out.emit(result);
  }

  OperatorDescription describe() const override {
    std::string args;
    for (const Value& v : call_.args) args += (args.empty() ? "" : ", ") + v.to_string();
    return {"Echo", {{"inputs", std::to_string(call_.inputs.size())}, {"args", args}}};
  }

 private:
  TableFunctionCall call_;
};

std::shared_ptr<TableFunctionDef> echo_def(std::string name, int tables, std::vector<Type> params,
                                           std::vector<Field> output) {
  auto def = std::make_shared<TableFunctionDef>();
  def->name = std::move(name);
  def->tables = tables;
  def->params = std::move(params);
  def->output = std::move(output);
  def->make = [](const TableFunctionCall& call) -> Result<std::unique_ptr<Operator>> {
    return std::unique_ptr<Operator>(std::make_unique<EchoOperator>(call));
  };
  return def;
}

class FunctionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("eddy_functions_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "bids.csv") << "auction,price,card,ts\n"
                                        "1,10,4111222233334444,2024-01-01 10:00:01\n"
                                        "2,,5500111122223333,2024-01-01 10:00:04\n"
                                        "1,30,,2024-01-01 10:00:09\n"
                                        "1,40,4111000011112222,2024-01-01 10:00:12\n"
                                        "2,50,5500999988887777,2024-01-01 10:00:15\n";
    std::ofstream(dir_ / "asks.csv") << "auction,price,ts\n"
                                        "2,7,2024-01-01 10:00:02\n"
                                        "1,8,2024-01-01 10:00:11\n";
    Status created = execute_ok(
        "CREATE STREAM bid (auction INT, price INT, card STRING, ts TIMESTAMP(3), "
        "WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'file', 'path' = '" +
        (dir_ / "bids.csv").string() +
        "', 'format' = 'csv', 'csv.header' = 'true');"
        "CREATE STREAM ask (auction INT, price INT, ts TIMESTAMP(3), "
        "WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'file', 'path' = '" +
        (dir_ / "asks.csv").string() + "', 'format' = 'csv', 'csv.header' = 'true')");
    ASSERT_TRUE(created.is_ok()) << created.error().to_string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  Status execute_ok(const std::string& sql) {
    auto outcome = engine_.execute(sql);
    if (!outcome) return outcome.error();
    return {};
  }

  // Runs `sql` and returns each change as "op|v1|v2|...", or the error as "error: ...".
  std::vector<std::string> rows(const std::string& sql) {
    auto outcome = engine_.execute(sql);
    if (!outcome) return {"error: " + outcome.error().to_string()};
    if (!outcome.value().query) return {};
    std::vector<std::string> out;
    auto status = outcome.value().query->run([&](const Chunk& chunk) {
      for (size_t r = 0; r < chunk.size(); ++r) {
        std::string line = row_kind_symbol(chunk.kind(r));
        for (size_t c = 0; c < chunk.schema().size(); ++c)
          line += "|" + chunk.value(r, c).to_string();
        out.push_back(line);
      }
    });
    if (!status) out.push_back("error: " + status.error().to_string());
    return out;
  }

  std::vector<std::string> sorted_rows(const std::string& sql) {
    auto out = rows(sql);
    std::sort(out.begin(), out.end());
    return out;
  }

  // The error of binding or running `sql` ("" if it succeeds).
  std::string error_of(const std::string& sql) {
    auto out = rows(sql);
    for (const auto& line : out) {
      if (line.rfind("error: ", 0) == 0) return line.substr(7);
    }
    return "";
  }

  std::string column_names(const std::string& sql) {
    auto outcome = engine_.execute(sql);
    if (!outcome) return "error: " + outcome.error().to_string();
    std::string names;
    Status status = outcome.value().query->run([&](const Chunk& chunk) {
      if (!names.empty()) return;
      for (const auto& field : chunk.schema().fields) names += field.name + " ";
    });
    return names;
  }

  Catalog& catalog() { return EngineInternals::catalog(engine_); }

  fs::path dir_;
  Engine engine_;
};

ScalarFunction mask() {
  ScalarFunction fn;
  fn.params = {Type::string()};
  fn.result = Type::string();
  fn.call = [](const std::vector<Value>& args) {
    std::string s = args[0].string_value();
    for (size_t i = 4; i < s.size(); ++i) s[i] = '*';
    return Value::string(s);
  };
  return fn;
}

// NULL in: -1 (own_nulls), else x * 10.
ScalarFunction times_ten_or_minus_one() {
  ScalarFunction fn;
  fn.params = {Type::int64()};
  fn.result = Type::int64();
  fn.own_nulls = true;
  fn.call = [](const std::vector<Value>& args) {
    return Value::integer(args[0].is_null() ? -1 : args[0].int_value() * 10);
  };
  return fn;
}

TEST_F(FunctionsTest, ScalarFunctionsInSelectWhereAndGroupBy) {
  ASSERT_TRUE(engine_.register_function("mask", mask()).is_ok());
  ASSERT_TRUE(engine_.register_function("Times_Ten", times_ten_or_minus_one()).is_ok());
  // A NULL card stays NULL without a call; the INT price widens to the BIGINT parameter, and a
  // NULL price reaches the own_nulls function.
  EXPECT_EQ(
      rows("SELECT MASK(card) AS masked, times_ten(price) AS p FROM bid"),
      (std::vector<std::string>{"+I|4111************|100", "+I|5500************|-1", "+I|NULL|300",
                                "+I|4111************|400", "+I|5500************|500"}));
  EXPECT_EQ(rows("SELECT auction FROM bid WHERE times_ten(price) > 250 AND mask(card) LIKE '41%'"),
            (std::vector<std::string>{"+I|1"}));
  EXPECT_EQ(sorted_rows("SELECT mask(card) AS prefix, COUNT(*) AS n FROM bid "
                        "WHERE card IS NOT NULL GROUP BY mask(card)"),
            (std::vector<std::string>{"+I|4111************|1", "+I|5500************|1",
                                      "+U|4111************|2", "+U|5500************|2",
                                      "-U|4111************|1", "-U|5500************|1"}));
  // Constants and nested calls.
  EXPECT_EQ(rows("SELECT times_ten(times_ten(2)) AS x, mask('12345') AS m"),
            (std::vector<std::string>{"+I|200|1234*"}));
  EXPECT_EQ(rows("SELECT times_ten(CAST(NULL AS INT)) AS x"), (std::vector<std::string>{"+I|-1"}));
}

TEST_F(FunctionsTest, ScalarArgumentErrorsPointAtTheCall) {
  ASSERT_TRUE(engine_.register_function("mask", mask()).is_ok());
  ASSERT_TRUE(engine_.register_function("times_ten", times_ten_or_minus_one()).is_ok());
  EXPECT_EQ(error_of("SELECT times_ten(card) FROM bid"),
            "1:8: times_ten: argument 1 must be BIGINT, got STRING (usage: times_ten(BIGINT))\n"
            "SELECT times_ten(card) FROM bid\n"
            "       ^");
  const auto first_line = [&](const std::string& sql) {
    std::string e = error_of(sql);
    return e.substr(0, e.find('\n'));
  };
  EXPECT_EQ(first_line("SELECT mask(card, card) FROM bid"),
            "1:8: mask takes 1 argument, got 2 (usage: mask(STRING))");
  EXPECT_EQ(first_line("SELECT auction, mask(1.5) FROM bid"),
            "1:17: mask: argument 1 must be STRING, got DECIMAL(2, 1) (usage: mask(STRING))");
  // Did-you-mean covers registered functions as well as built-in ones.
  EXPECT_EQ(first_line("SELECT masc(card) FROM bid"),
            "1:8: unknown function 'MASC' (did you mean 'mask'?)");
  EXPECT_EQ(first_line("SELECT uper(card) FROM bid"),
            "1:8: unknown function 'UPER' (did you mean 'UPPER'?)");
}

TEST_F(FunctionsTest, ExceptionsAndWrongResultTypesFailTheQueryNamingTheFunction) {
  ScalarFunction boom;
  boom.params = {Type::int32()};
  boom.result = Type::int32();
  boom.call = [](const std::vector<Value>& args) -> Value {
    if (args[0].int_value() > 35) throw std::runtime_error("price too high");
    return args[0];
  };
  ASSERT_TRUE(engine_.register_function("boom", boom).is_ok());
  // The error also names the row's file and line and the column (the file is in a temporary
  // directory).
  const std::string boom_error = error_of("SELECT boom(price) FROM bid");
  EXPECT_TRUE(boom_error.ends_with(
      "/bids.csv:5: column 'boom(price)': function boom failed: price too high"))
      << boom_error;
  ScalarFunction wrong;
  wrong.params = {Type::int32()};
  wrong.result = Type::string();
  wrong.call = [](const std::vector<Value>& args) { return Value::integer(args[0].int_value()); };
  ASSERT_TRUE(engine_.register_function("wrong", wrong).is_ok());
  const std::string wrong_error = error_of("SELECT wrong(price) FROM bid");
  EXPECT_TRUE(
      wrong_error.ends_with("/bids.csv:2: column 'wrong(price)': function wrong returned "
                            "a BIGINT value, but it is declared to return STRING"))
      << wrong_error;
}

// A deterministic function of constants is one constant (evaluated once per batch); a
// non-deterministic one is called for every row.
TEST_F(FunctionsTest, NonDeterministicFunctionsAreCalledPerRow) {
  auto counter = std::make_shared<int64_t>(0);
  ScalarFunction next;
  next.result = Type::int64();
  next.deterministic = false;
  next.call = [counter](const std::vector<Value>&) { return Value::integer(++*counter); };
  ASSERT_TRUE(engine_.register_function("next_number", next).is_ok());
  EXPECT_EQ(rows("SELECT next_number() + 0 AS n FROM bid"),
            (std::vector<std::string>{"+I|1", "+I|2", "+I|3", "+I|4", "+I|5"}));
  auto explained = engine_.execute("EXPLAIN SELECT next_number() + 0 AS n FROM bid");
  ASSERT_TRUE(explained.is_ok()) << explained.error().to_string();
}

TEST_F(FunctionsTest, RegisteringANameTwiceOrABuiltInNameIsAnError) {
  ASSERT_TRUE(engine_.register_function("mask", mask()).is_ok());
  Status twice = engine_.register_function("MASK", mask());
  ASSERT_FALSE(twice.is_ok());
  EXPECT_EQ(twice.error().message, "function 'MASK' is already registered");
  Status builtin = engine_.register_function("upper", mask());
  ASSERT_FALSE(builtin.is_ok());
  EXPECT_EQ(builtin.error().message, "function 'upper' is built in: choose another name");
  EXPECT_FALSE(engine_.register_function("sum", mask()).is_ok());
  Status window = engine_.register_function("Tumble", mask());
  ASSERT_FALSE(window.is_ok());
  EXPECT_EQ(window.error().message,
            "'Tumble' is a built-in window table function: choose another name");
  Status table = catalog().add_table_function(echo_def("mask", 1, {}, {}));
  ASSERT_FALSE(table.is_ok());
  EXPECT_EQ(table.error().message, "function 'mask' is already registered");
  EXPECT_FALSE(catalog().add_table_function(echo_def("session", 1, {}, {})).is_ok());
  Status three = catalog().add_table_function(echo_def("three", 3, {}, {}));
  ASSERT_FALSE(three.is_ok());
  EXPECT_EQ(three.error().message, "table function 'three' must take 1 or 2 tables, not 3");
  auto no_operator = echo_def("none", 1, {}, {});
  no_operator->make = nullptr;
  EXPECT_FALSE(catalog().add_table_function(no_operator).is_ok());
  EXPECT_FALSE(engine_.register_function("nothing", ScalarFunction{}).is_ok());
}

TEST_F(FunctionsTest, ShowFunctionsListsRegisteredFunctions) {
  ASSERT_TRUE(engine_.register_function("mask", mask()).is_ok());
  ASSERT_TRUE(catalog().add_table_function(echo_def("echo", 1, {}, {})).is_ok());
  auto shown = engine_.execute("SHOW FUNCTIONS");
  ASSERT_TRUE(shown.is_ok());
  std::vector<std::string> names;
  for (const auto& row : shown.value().table->rows) names.push_back(row[0].to_string());
  auto at = [&](const std::string& name) {
    return std::find(names.begin(), names.end(), name) - names.begin();
  };
  ASSERT_LT(at("mask"), long(names.size()));
  ASSERT_LT(at("echo"), long(names.size()));
  EXPECT_LT(at("DEGREES"), at("echo"));
  EXPECT_LT(at("echo"), at("ENDSWITH"));
  EXPECT_LT(at("LTRIM"), at("mask"));
  EXPECT_LT(at("mask"), at("MINUTE"));
}

// ---------------------------------------------------------------------------------------------
// Table functions

TEST_F(FunctionsTest, TableFunctionOutputIsKeysDeclaredColumnsAndRowtime) {
  ASSERT_TRUE(catalog()
                  .add_table_function(echo_def(
                      "echo", 1, {Type::int64()},
                      {Field{"price", Type::int32(), true}, Field{"arg", Type::int64(), false}}))
                  .is_ok());
  EXPECT_EQ(column_names("SELECT * FROM echo(TABLE bid PARTITION BY auction, 7)"),
            "auction price arg rowtime ");
  // The constant 7 (INT) arrives converted to the BIGINT parameter.
  EXPECT_EQ(rows("SELECT * FROM TABLE(ECHO(TABLE bid PARTITION BY auction, 7))"),
            (std::vector<std::string>{
                "+I|1|10|7|2024-01-01 10:00:01.000", "+I|2|NULL|7|2024-01-01 10:00:04.000",
                "+I|1|30|7|2024-01-01 10:00:09.000", "+I|1|40|7|2024-01-01 10:00:12.000",
                "+I|2|50|7|2024-01-01 10:00:15.000"}));
  // Qualified by the function's name, or the alias.
  EXPECT_EQ(rows("SELECT echo.price FROM echo(TABLE bid PARTITION BY auction, 1) WHERE "
                 "echo.auction = 2"),
            (std::vector<std::string>{"+I|NULL", "+I|50"}));
  EXPECT_EQ(rows("SELECT e.card, e.rowtime FROM echo(TABLE bid PARTITION BY (auction, card), 1) e "
                 "WHERE e.price = 40"),
            (std::vector<std::string>{"+I|4111000011112222|2024-01-01 10:00:12.000"}));
}

// rowtime is the output's time attribute: windows run on it, directly or through a view.
TEST_F(FunctionsTest, WindowsRunOnTheTableFunctionsRowtime) {
  ASSERT_TRUE(catalog()
                  .add_table_function(echo_def("echo", 1, {}, {Field{"price", Type::int32()}}))
                  .is_ok());
  const std::vector<std::string> expected = {
      "+I|2024-01-01 10:00:00.000|1|40", "+I|2024-01-01 10:00:00.000|2|NULL",
      "+I|2024-01-01 10:00:10.000|1|40", "+I|2024-01-01 10:00:10.000|2|50"};
  ASSERT_TRUE(execute_ok("CREATE VIEW echoed AS SELECT * FROM echo(TABLE bid PARTITION BY auction)")
                  .is_ok());
  EXPECT_EQ(sorted_rows("SELECT window_start, auction, SUM(price) AS total "
                        "FROM TUMBLE(TABLE echoed, DESCRIPTOR(rowtime), INTERVAL '10' SECOND) "
                        "GROUP BY window_start, window_end, auction"),
            expected);
  EXPECT_EQ(sorted_rows("SELECT TUMBLE_START(rowtime, INTERVAL '10' SECOND) AS window_start, "
                        "auction, SUM(price) AS total FROM echo(TABLE bid PARTITION BY auction) "
                        "GROUP BY TUMBLE(rowtime, INTERVAL '10' SECOND), auction"),
            expected);
}

// The time attribute also bounds an interval join and drives an event-time TIMEOUT.
TEST_F(FunctionsTest, IntervalJoinsAndTimeoutsRunOnTheRowtime) {
  ASSERT_TRUE(catalog()
                  .add_table_function(echo_def("echo", 1, {}, {Field{"price", Type::int32()}}))
                  .is_ok());
  const std::string join =
      "SELECT e.auction, e.price, a.price AS ask FROM echo(TABLE bid PARTITION BY auction) e "
      "JOIN ask a ON e.auction = a.auction AND a.ts BETWEEN e.rowtime - INTERVAL '5' SECOND AND "
      "e.rowtime + INTERVAL '5' SECOND";
  EXPECT_EQ(sorted_rows(join), (std::vector<std::string>{"+I|1|30|8", "+I|1|40|8", "+I|2|NULL|7"}));
  auto explained = engine_.execute("EXPLAIN " + join);
  ASSERT_TRUE(explained.is_ok()) << explained.error().to_string();
  std::string plan;
  for (const auto& row : explained.value().table->rows) plan += row[0].to_string() + "\n";
  EXPECT_NE(plan.find("rowtime: e.rowtime, a.ts"), std::string::npos) << plan;
  // A key times out 5 s of event time after its last row (KEEP STATE: counts go on): auction 1
  // after 10:00:01 (the 10:00:09 row brings the watermark to 10:00:08), auction 2 after 10:00:04
  // (at the 10:00:12 row); the rest at the end of input.
  EXPECT_EQ(sorted_rows("SELECT auction, COUNT(*) AS n FROM echo(TABLE bid PARTITION BY auction) "
                        "GROUP BY auction TIMEOUT INTERVAL '5' SECOND"),
            (std::vector<std::string>{"+I|1|1", "+I|1|3", "+I|2|1", "+I|2|2"}));
}

// Computed columns and watermarks of a stream may call registered functions.
TEST_F(FunctionsTest, ComputedColumnsCallRegisteredFunctions) {
  ASSERT_TRUE(engine_.register_function("mask", mask()).is_ok());
  std::ofstream(dir_ / "cards.csv") << "card\n4111222233334444\n";
  Status created = execute_ok(
      "CREATE STREAM cards (card STRING, shown AS mask(card)) WITH ('connector' = 'file', "
      "'path' = '" +
      (dir_ / "cards.csv").string() + "', 'format' = 'csv', 'csv.header' = 'true')");
  ASSERT_TRUE(created.is_ok()) << created.error().to_string();
  EXPECT_EQ(rows("SELECT * FROM cards"),
            (std::vector<std::string>{"+I|4111222233334444|4111************"}));
}

TEST_F(FunctionsTest, TwoInputTableFunction) {
  ASSERT_TRUE(catalog()
                  .add_table_function(echo_def("echo2", 2, {}, {Field{"price", Type::int32()}}))
                  .is_ok());
  EXPECT_EQ(sorted_rows("SELECT * FROM echo2(TABLE bid PARTITION BY auction, "
                        "TABLE ask PARTITION BY auction)"),
            (std::vector<std::string>{
                "+I|1|10|2024-01-01 10:00:01.000", "+I|1|30|2024-01-01 10:00:09.000",
                "+I|1|40|2024-01-01 10:00:12.000", "+I|1|8|2024-01-01 10:00:11.000",
                "+I|2|50|2024-01-01 10:00:15.000", "+I|2|7|2024-01-01 10:00:02.000",
                "+I|2|NULL|2024-01-01 10:00:04.000"}));
}

TEST_F(FunctionsTest, ExplainShowsTheTableFunction) {
  ASSERT_TRUE(catalog()
                  .add_table_function(
                      echo_def("echo", 1, {Type::string()}, {Field{"price", Type::int32()}}))
                  .is_ok());
  auto explained = engine_.execute(
      "EXPLAIN SELECT auction, price FROM echo(TABLE bid PARTITION BY auction, 'x') "
      "WHERE price > 1");
  ASSERT_TRUE(explained.is_ok()) << explained.error().to_string();
  std::string plan;
  for (const auto& row : explained.value().table->rows) plan += row[0].to_string() + "\n";
  const size_t calc = plan.find("Calc"), echo = plan.find("Echo  inputs: 1  args: x");
  const size_t source = plan.find("bids.csv");
  EXPECT_NE(calc, std::string::npos) << plan;
  EXPECT_NE(echo, std::string::npos) << plan;
  EXPECT_NE(source, std::string::npos) << plan;
  EXPECT_LT(calc, echo) << plan;
  EXPECT_LT(echo, source) << plan;
}

TEST_F(FunctionsTest, TableFunctionBindErrors) {
  ASSERT_TRUE(
      catalog()
          .add_table_function(echo_def("echo", 1, {Type::int64()}, {Field{"price", Type::int32()}}))
          .is_ok());
  ASSERT_TRUE(catalog()
                  .add_table_function(echo_def("echo2", 2, {}, {Field{"price", Type::int32()}}))
                  .is_ok());
  ScalarFunction next;
  next.result = Type::int64();
  next.deterministic = false;
  next.call = [](const std::vector<Value>&) { return Value::integer(1); };
  ASSERT_TRUE(engine_.register_function("next_number", next).is_ok());
  const auto error = [&](const std::string& sql) {
    std::string e = error_of(sql);
    return e.substr(0, e.find('\n'));
  };
  EXPECT_EQ(error("SELECT * FROM ecko(TABLE bid PARTITION BY auction, 1)"),
            "1:15: unknown table function 'ecko' (did you mean 'echo'?)");
  EXPECT_EQ(error("SELECT * FROM echo(TABLE bid, 1)"),
            "1:20: echo: TABLE bid needs PARTITION BY (the function keeps its state per key) "
            "(usage: echo(TABLE t PARTITION BY k, BIGINT))");
  EXPECT_EQ(error("SELECT * FROM echo(1)"),
            "1:20: echo takes 1 TABLE argument, got 0 (usage: echo(TABLE t PARTITION BY k, "
            "BIGINT))");
  EXPECT_EQ(error("SELECT * FROM echo(TABLE bid PARTITION BY auction, TABLE ask PARTITION BY "
                  "auction, 1)"),
            "1:52: echo takes 1 TABLE argument, got 2 (usage: echo(TABLE t PARTITION BY k, "
            "BIGINT))");
  EXPECT_EQ(error("SELECT * FROM echo(1, TABLE bid PARTITION BY auction)"),
            "1:23: echo: TABLE arguments come first (usage: echo(TABLE t PARTITION BY k, "
            "BIGINT))");
  EXPECT_EQ(error("SELECT * FROM echo(TABLE bid PARTITION BY auction)"),
            "1:50: echo takes 1 argument after its TABLE argument, got 0 (usage: echo(TABLE t "
            "PARTITION BY k, BIGINT))");
  EXPECT_EQ(error("SELECT * FROM echo(TABLE bid PARTITION BY auction, 1, 2)"),
            "1:55: echo takes 1 argument after its TABLE argument, got 2 (usage: echo(TABLE t "
            "PARTITION BY k, BIGINT))");
  EXPECT_EQ(error("SELECT * FROM echo(TABLE bid PARTITION BY auction, 'one')"),
            "1:52: echo: argument 2 must be BIGINT, got STRING (usage: echo(TABLE t PARTITION "
            "BY k, BIGINT))");
  EXPECT_EQ(error("SELECT * FROM echo(TABLE bid PARTITION BY auction, next_number())"),
            "1:52: echo: argument 2 must be a constant");
  EXPECT_EQ(error("SELECT * FROM echo(TABLE bid PARTITION BY auction, DESCRIPTOR(ts), 1)"),
            "1:52: echo takes no DESCRIPTOR (usage: echo(TABLE t PARTITION BY k, BIGINT))");
  EXPECT_EQ(error("SELECT * FROM echo(TABLE bid PARTITION BY auctoin, 1)"),
            "1:43: unknown column 'auctoin' in PARTITION BY (did you mean 'auction'?)");
  EXPECT_EQ(error("SELECT * FROM echo(TABLE bids PARTITION BY auction, 1)"),
            "1:26: unknown stream or view 'bids' (did you mean 'bid'?)");
  EXPECT_EQ(error("SELECT * FROM echo2(TABLE bid PARTITION BY auction, TABLE ask PARTITION BY "
                  "(auction, price))"),
            "1:63: echo2: the tables must be partitioned by as many columns (bid has 1, ask has "
            "2)");
  EXPECT_EQ(error("SELECT * FROM echo2(TABLE bid PARTITION BY card, TABLE ask PARTITION BY "
                  "auction)"),
            "1:73: echo2: PARTITION BY column 1 is STRING in bid but INT in ask");
  ASSERT_TRUE(
      execute_ok("CREATE VIEW counts AS SELECT auction, COUNT(*) AS n FROM bid GROUP BY auction")
          .is_ok());
  EXPECT_EQ(error("SELECT * FROM echo(TABLE counts PARTITION BY auction, 1)"),
            "1:26: echo needs an append-only input, and 'counts' is updating (it has -U/+U/-D "
            "rows, e.g. from a changelog stream or a GROUP BY)");
  // The output's column names must differ: a declared column named like a partition column.
  ASSERT_TRUE(catalog()
                  .add_table_function(echo_def("clash", 1, {}, {Field{"Auction", Type::int32()}}))
                  .is_ok());
  EXPECT_EQ(error("SELECT * FROM clash(TABLE bid PARTITION BY auction)"),
            "1:15: clash: its output has two columns named 'Auction' (a partition column, a "
            "declared column or rowtime)");
}

}  // namespace
}  // namespace eddy
