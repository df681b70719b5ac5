// Statement::base_directory: a stream's relative 'path' that does not exist relative to the
// working directory is opened relative to the folder of the script the statement came from, and
// an error names both paths when neither exists. Engine::functions and Engine::completions.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "eddy/engine.h"

namespace eddy {
namespace {

namespace fs = std::filesystem;

class BaseDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("eddy_base_dir_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "data");
    std::ofstream(dir_ / "data" / "in.csv") << "1\n2\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `sql` (one statement) as if it came from a script in `base`.
  Result<Outcome> run(const std::string& sql, const std::string& base) {
    auto parsed = engine_.parse(sql);
    if (!parsed) return parsed.error();
    Statement statement = parsed.value().at(0);
    statement.base_directory = base;
    return engine_.execute(statement);
  }

  // The rows of a query, or its error message.
  std::string rows(const std::string& sql, const std::string& base) {
    auto outcome = run(sql, base);
    if (!outcome) return outcome.error().message;
    std::string out;
    Status status = outcome->query->run([&](const Chunk& chunk) {
      for (size_t r = 0; r < chunk.size(); ++r) out += chunk.text(r, 0) + ";";
    });
    return status ? out : status.error().message;
  }

  fs::path dir_;
  Engine engine_;
};

TEST_F(BaseDirectoryTest, RelativePathResolvesBesideTheScript) {
  ASSERT_TRUE(
      run("CREATE STREAM s (a INT) WITH ('connector' = 'file', 'path' = "
          "'data/in.csv', 'format' = 'csv')",
          dir_.string()));
  EXPECT_EQ(rows("SELECT a FROM s", ""), "1;2;");
}

TEST_F(BaseDirectoryTest, WithoutABaseDirectoryTheWorkingDirectoryAlone) {
  ASSERT_TRUE(
      run("CREATE STREAM s (a INT) WITH ('connector' = 'file', 'path' = "
          "'data/in.csv', 'format' = 'csv')",
          ""));
  EXPECT_EQ(rows("SELECT a FROM s", ""), "cannot open 'data/in.csv': No such file or directory");
}

TEST_F(BaseDirectoryTest, NeitherExistingNamesBothPaths) {
  ASSERT_TRUE(
      run("CREATE STREAM s (a INT) WITH ('connector' = 'file', 'path' = "
          "'data/none.csv', 'format' = 'csv')",
          dir_.string()));
  EXPECT_EQ(rows("SELECT a FROM s", ""),
            "cannot open 'data/none.csv': No such file or directory (nor '" +
                (dir_ / "data" / "none.csv").string() + "', beside the script)");
}

TEST_F(BaseDirectoryTest, AFileToWriteGoesWhereItsFolderExists) {
  ASSERT_TRUE(
      run("CREATE STREAM s (a INT) WITH ('connector' = 'file', 'path' = "
          "'data/in.csv', 'format' = 'csv')",
          dir_.string()));
  ASSERT_TRUE(
      run("CREATE STREAM out (a INT) WITH ('connector' = 'file', 'path' = "
          "'data/out.csv', 'format' = 'csv')",
          dir_.string()));
  auto insert = run("INSERT INTO out SELECT a * 10 FROM s", "");
  ASSERT_TRUE(insert) << insert.error().message;
  ASSERT_TRUE(insert->query->run([](const Chunk&) {}));
  std::ifstream written(dir_ / "data" / "out.csv");
  std::string text((std::istreambuf_iterator<char>(written)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "10\n20\n");
}

TEST(EngineStdin, AStdinStreamIsAnErrorWhenTheScriptIsOnStdin) {
  EngineOptions options;
  options.stdin_is_script = true;
  Engine engine(options);
  ASSERT_TRUE(
      engine.execute("CREATE STREAM s (a INT) WITH ('connector' = 'stdin', 'format' = "
                     "'csv')"));
  auto query = engine.execute("SELECT a FROM s");
  ASSERT_FALSE(query);
  EXPECT_EQ(query.error().message,
            "stream 's' reads standard input, but the script is being read from it: give the "
            "script as a file or with -c");
  auto explained = engine.execute("EXPLAIN SELECT a FROM s");
  EXPECT_TRUE(explained);
}

TEST(EngineFunctions, ListsEveryKindWithItsUsage) {
  Engine engine;
  auto find = [&](const std::string& name) -> FunctionInfo {
    for (const FunctionInfo& fn : engine.functions())
      if (fn.name == name) return fn;
    return {};
  };
  EXPECT_EQ(find("COUNT").kind, "aggregate");
  EXPECT_EQ(find("COUNT").usage, "COUNT(*) or COUNT([DISTINCT] x)");
  EXPECT_EQ(find("CAST").usage, "CAST(x AS type)");
  EXPECT_EQ(find("TUMBLE").kind, "table");
  EXPECT_EQ(find("LOWER").usage, "LOWER(s)");
  ScalarFunction add;
  add.params = {Type::int64(), Type::int64()};
  add.result = Type::int64();
  add.call = [](const std::vector<Value>& args) { return args[0]; };
  ASSERT_TRUE(engine.register_function("add_up", add));
  EXPECT_EQ(find("add_up").usage, "add_up(BIGINT, BIGINT) returns BIGINT");
  EXPECT_EQ(find("add_up").kind, "scalar");
}

TEST(EngineCompletions, KeywordsNamesColumnsAndFunctions) {
  Engine engine;
  ASSERT_TRUE(
      engine.execute("CREATE STREAM Logins (uid STRING, ulen INT) WITH ('connector' = "
                     "'datagen')"));
  EXPECT_EQ(engine.completions("lo"),
            (std::vector<std::string>{"LOCALTIME", "LOCALTIMESTAMP", "LOCATE", "LOG", "LOG10",
                                      "LOG2", "LOWER", "Logins"}));
  EXPECT_EQ(engine.completions("u"),
            (std::vector<std::string>{"UNION", "UNIX_TIMESTAMP", "UPPER", "USING", "uid", "ulen"}));
}

}  // namespace
}  // namespace eddy
