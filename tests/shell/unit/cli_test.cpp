#include "shell/cli.h"

#include <gtest/gtest.h>

#include "eddy/version.h"

namespace eddy::shell {
namespace {

ParsedCommandLine parse(std::vector<const char*> args) {
  args.insert(args.begin(), "eddy");
  return parse_command_line(static_cast<int>(args.size()), args.data());
}

TEST(CommandLine, FilesAndCommandsKeepTheirOrder) {
  auto parsed = parse({"a.sql", "-c", "SELECT 1", "-f", "b.sql", "c.sql"});
  ASSERT_FALSE(parsed.exit_code) << parsed.output;
  const auto& inputs = parsed.options.inputs;
  ASSERT_EQ(inputs.size(), 4u);
  EXPECT_EQ(inputs[0].text, "a.sql");
  EXPECT_EQ(inputs[1].kind, CommandLine::Input::Kind::Command);
  EXPECT_EQ(inputs[1].text, "SELECT 1");
  EXPECT_EQ(inputs[2].text, "b.sql");
  EXPECT_EQ(inputs[3].text, "c.sql");
  EXPECT_EQ(inputs[3].kind, CommandLine::Input::Kind::File);
}

TEST(CommandLine, ModeSettingsAndBatchSize) {
  auto parsed = parse({"--mode", "jsonl", "--set", "a.b=1 s", "--set", "c==", "--batch-size", "7"});
  ASSERT_FALSE(parsed.exit_code) << parsed.output;
  EXPECT_EQ(parsed.options.mode, Mode::Jsonl);
  ASSERT_EQ(parsed.options.settings.size(), 2u);
  EXPECT_EQ(parsed.options.settings[0], (std::pair<std::string, std::string>{"a.b", "1 s"}));
  EXPECT_EQ(parsed.options.settings[1], (std::pair<std::string, std::string>{"c", "="}));
  EXPECT_EQ(parsed.options.batch_size, 7u);
  EXPECT_TRUE(parsed.options.inputs.empty());
}

TEST(CommandLine, DefaultsLeaveModeToTheTerminal) {
  auto parsed = parse({});
  ASSERT_FALSE(parsed.exit_code);
  EXPECT_FALSE(parsed.options.mode);
  EXPECT_FALSE(parsed.options.batch_size);
}

TEST(CommandLine, UsageErrorsExitWithOne) {
  for (auto args : std::vector<std::vector<const char*>>{
           {"--mode", "xml"}, {"--batch-size", "0"}, {"--set", "novalue"}, {"--bogus"}}) {
    auto parsed = parse(args);
    ASSERT_TRUE(parsed.exit_code) << args[0];
    EXPECT_EQ(*parsed.exit_code, 1);
    EXPECT_EQ(parsed.output.rfind("error: ", 0), 0u) << parsed.output;
  }
}

TEST(CommandLine, HelpAndVersionExitWithZero) {
  auto help = parse({"--help"});
  ASSERT_TRUE(help.exit_code);
  EXPECT_EQ(*help.exit_code, 0);
  EXPECT_NE(help.output.find("--mode"), std::string::npos);
  auto version = parse({"--version"});
  ASSERT_TRUE(version.exit_code);
  EXPECT_EQ(version.output, std::string("eddy ") + eddy::version() + "\n");
}

}  // namespace
}  // namespace eddy::shell
