#include "shell/dot_commands.h"

#include <gtest/gtest.h>

namespace eddy::shell {
namespace {

TEST(DotCommands, ExactNamesAndUniquePrefixesMatch) {
  auto mode = find_dot_command("mode");
  ASSERT_TRUE(mode);
  EXPECT_STREQ(mode.value()->name, "mode");
  auto prefix = find_dot_command("mo");
  ASSERT_TRUE(prefix);
  EXPECT_STREQ(prefix.value()->name, "mode");
  auto schema = find_dot_command("s");
  ASSERT_TRUE(schema);
  EXPECT_STREQ(schema.value()->name, "schema");
}

TEST(DotCommands, UnknownCommandSuggestsHelp) {
  auto missing = find_dot_command("foo");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "unknown command '.foo' (try .help)");
  EXPECT_FALSE(find_dot_command(""));
}

TEST(DotCommands, EveryCommandHasHelp) {
  std::string help = dot_help();
  for (const DotCommand& command : dot_commands()) {
    EXPECT_NE(help.find(std::string(".") + command.name), std::string::npos) << command.name;
    EXPECT_GT(std::string(command.help).size(), 0u);
    EXPECT_LE(command.min_args, command.max_args);
  }
  auto timer = find_dot_command("timer");
  ASSERT_TRUE(timer);
  EXPECT_EQ(dot_help(timer.value()).find(".timer on|off"), 0u);
}

TEST(DotCommands, WordsSplitOnSpacesWithQuotes) {
  EXPECT_EQ(split_words("  .read  'my file.sql' x"),
            (std::vector<std::string>{".read", "my file.sql", "x"}));
  EXPECT_EQ(split_words(".output \"a b\"c"), (std::vector<std::string>{".output", "a bc"}));
  EXPECT_TRUE(split_words("   ").empty());
}

}  // namespace
}  // namespace eddy::shell
