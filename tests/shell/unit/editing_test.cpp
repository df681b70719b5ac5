// The pieces of interactive editing that need no terminal: history entries of multi-line
// statements, tab-completion candidates, HELP lines and help topics.
#include <gtest/gtest.h>

#include "shell/completion.h"
#include "shell/help.h"
#include "shell/history.h"

namespace eddy::shell {
namespace {

TEST(HistoryEntry, JoinsTheLinesOfAStatement) {
  EXPECT_EQ(history_entry({"SELECT uid", "  FROM logins", "  WHERE n > 1;"}),
            "SELECT uid FROM logins WHERE n > 1;");
  EXPECT_EQ(history_entry({"SELECT 1;"}), "SELECT 1;");
  EXPECT_EQ(history_entry({"", "  ", "SELECT 1", "", ";"}), "SELECT 1 ;");
}

TEST(HistoryEntry, LeavesOutLineComments) {
  // Joined, the comment would swallow the rest of the statement.
  EXPECT_EQ(history_entry({"SELECT a -- the key", "FROM s;"}), "SELECT a FROM s;");
  EXPECT_EQ(history_entry({"-- only a comment", "SELECT 1;"}), "SELECT 1;");
  // Not inside strings, quoted names or block comments.
  EXPECT_EQ(history_entry({"SELECT '--' AS `a--b`", "/* -- */ FROM s;"}),
            "SELECT '--' AS `a--b` /* -- */ FROM s;");
}

TEST(HistoryEntry, KeepsTheNewlineOfAStringSpanningLines) {
  EXPECT_EQ(history_entry({"SELECT 'a", "  b' AS s", "FROM t;"}), "SELECT 'a\n  b' AS s FROM t;");
}

TEST(HelpStatement, IsHelpOnALineOfItsOwn) {
  EXPECT_EQ(help_statement_topic("HELP"), "");
  EXPECT_EQ(help_statement_topic("  help;"), "");
  EXPECT_EQ(help_statement_topic("Help functions ;"), "functions");
  EXPECT_EQ(help_statement_topic("HELP functions modes"), std::nullopt);
  EXPECT_EQ(help_statement_topic("HELPER"), std::nullopt);
  EXPECT_EQ(help_statement_topic("SELECT 1"), std::nullopt);
}

TEST(Help, TopicsCommandsAndFunctions) {
  Engine engine;
  auto overview = help_text(engine, "");
  ASSERT_TRUE(overview);
  for (const std::string& topic : help_topic_names())
    EXPECT_NE(overview.value().find("  " + topic + " "), std::string::npos) << topic;
  auto functions = help_text(engine, "functions");
  ASSERT_TRUE(functions);
  for (const char* usage : {"  COUNT(*) or COUNT([DISTINCT] x)\n", "  CAST(x AS type)\n",
                            "  SUBSTRING(s, start[, length])\n",
                            "  TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset])\n"})
    EXPECT_NE(functions.value().find(usage), std::string::npos) << usage;
  auto one = help_text(engine, "Sum");
  ASSERT_TRUE(one);
  EXPECT_EQ(one.value(), "SUM(x)  (aggregate function)\n");
  auto command = help_text(engine, ".mode");
  ASSERT_TRUE(command);
  EXPECT_EQ(command.value().find(".mode"), 0u);
  auto unknown = help_text(engine, "nonsense");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("statements, functions, modes"), std::string::npos);
}

TEST(Completion, OffersDotCommandsAtTheStartOfALine) {
  Engine engine;
  EXPECT_EQ(complete(engine, "", ".he"), std::vector<std::string>{".help"});
  EXPECT_EQ(complete(engine, "  ", ".s"), std::vector<std::string>{".schema"});
  EXPECT_EQ(complete(engine, ".help ", "fu"), std::vector<std::string>{"functions"});
  EXPECT_TRUE(complete(engine, ".mode ", "c").empty());
  EXPECT_TRUE(completes_file_name(".read "));
  EXPECT_TRUE(completes_file_name(".re "));
  EXPECT_FALSE(completes_file_name("SELECT "));
}

TEST(Completion, OffersKeywordsNamesAndFunctionsFromTheEngine) {
  Engine engine;
  ASSERT_TRUE(
      engine.execute("CREATE STREAM logins (uid STRING, status STRING) WITH "
                     "('connector' = 'datagen')"));
  ASSERT_TRUE(engine.execute("CREATE VIEW fails AS SELECT uid FROM logins"));
  ScalarFunction mask;
  mask.params = {Type::string()};
  mask.result = Type::string();
  mask.call = [](const std::vector<Value>& args) { return args[0]; };
  ASSERT_TRUE(engine.register_function("mask_card", mask));

  EXPECT_EQ(complete(engine, "", "SEL"), std::vector<std::string>{"SELECT"});
  EXPECT_EQ(complete(engine, "", "sel"), std::vector<std::string>{"select"});
  // Keywords too (RESET STATE), in the case typed.
  EXPECT_EQ(complete(engine, "SELECT ", "stat"), (std::vector<std::string>{"state", "status"}));
  EXPECT_EQ(complete(engine, "SELECT ", "l.ui"), std::vector<std::string>{"l.uid"});
  EXPECT_EQ(complete(engine, "SELECT * FROM ", "fai"), std::vector<std::string>{"fails"});
  EXPECT_EQ(complete(engine, "SELECT ", "mask"), std::vector<std::string>{"mask_card"});
  std::vector<std::string> counts = complete(engine, "SELECT ", "COU");
  EXPECT_NE(std::find(counts.begin(), counts.end(), "COUNT"), counts.end());
  std::vector<std::string> tumble = complete(engine, "FROM TABLE(", "TUM");
  EXPECT_EQ(tumble, std::vector<std::string>{"TUMBLE"});
}

}  // namespace
}  // namespace eddy::shell
