#include "shell/statement_buffer.h"

#include <gtest/gtest.h>

namespace eddy::shell {
namespace {

TEST(StatementBuffer, StatementEndsAtSemicolonOutsideQuotesAndComments) {
  StatementBuffer buffer;
  buffer.add_line("SELECT 'a;b', \"c;d\", `e;f` -- g;h");
  EXPECT_FALSE(buffer.take_statement());
  buffer.add_line("/* i; */ FROM t;");
  auto statement = buffer.take_statement();
  ASSERT_TRUE(statement);
  EXPECT_EQ(statement->text, "SELECT 'a;b', \"c;d\", `e;f` -- g;h\n/* i; */ FROM t;");
  EXPECT_EQ(statement->line, 1);
  EXPECT_EQ(statement->column, 1);
  EXPECT_TRUE(buffer.is_fresh());
}

TEST(StatementBuffer, DoubledQuotesStayInsideTheString) {
  StatementBuffer buffer;
  buffer.add_line("SELECT 'it''s; fine';");
  auto statement = buffer.take_statement();
  ASSERT_TRUE(statement);
  EXPECT_EQ(statement->text, "SELECT 'it''s; fine';");
}

TEST(StatementBuffer, SeveralStatementsOnOneLineKeepTheirColumns) {
  StatementBuffer buffer;
  buffer.add_line("SELECT 1;  SELECT 2;");
  auto first = buffer.take_statement();
  auto second = buffer.take_statement();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(second->text, "SELECT 2;");
  EXPECT_EQ(second->line, 1);
  EXPECT_EQ(second->column, 12);
  EXPECT_EQ(second->line_prefix, "SELECT 1;  ");
  EXPECT_FALSE(buffer.take_statement());
}

TEST(StatementBuffer, LeadingBlankLinesAreSkippedInThePosition) {
  StatementBuffer buffer;
  buffer.add_line("SELECT 1;");
  buffer.add_line("");
  buffer.add_line("  SELECT");
  buffer.add_line("  2;");
  ASSERT_TRUE(buffer.take_statement());
  auto second = buffer.take_statement();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->text, "SELECT\n  2;");
  EXPECT_EQ(second->line, 3);
  EXPECT_EQ(second->column, 3);
}

TEST(StatementBuffer, FreshOnlyWithoutPendingContent) {
  StatementBuffer buffer;
  EXPECT_TRUE(buffer.is_fresh());
  buffer.add_line("-- a comment");
  EXPECT_TRUE(buffer.is_fresh());
  buffer.add_line("/* open");
  EXPECT_FALSE(buffer.is_fresh());
  buffer.add_line("close */");
  EXPECT_TRUE(buffer.is_fresh());
  buffer.add_line("SELECT");
  EXPECT_FALSE(buffer.is_fresh());
  buffer.add_line("1;");
  ASSERT_TRUE(buffer.take_statement());
  EXPECT_TRUE(buffer.is_fresh());
}

TEST(StatementBuffer, EmptyStatementsAreDropped) {
  StatementBuffer buffer;
  buffer.add_line(";; -- nothing ;");
  EXPECT_FALSE(buffer.take_statement());
  EXPECT_TRUE(buffer.is_fresh());
}

TEST(StatementBuffer, RestWithoutSemicolonAtEndOfInput) {
  StatementBuffer buffer;
  buffer.add_line("SELECT 1;");
  buffer.add_line("SELECT 2");
  ASSERT_TRUE(buffer.take_statement());
  EXPECT_FALSE(buffer.take_statement());
  auto rest = buffer.take_rest();
  ASSERT_TRUE(rest);
  EXPECT_EQ(rest->text, "SELECT 2");
  EXPECT_EQ(rest->line, 2);
  EXPECT_FALSE(buffer.take_rest());
}

TEST(StatementBuffer, SkippedLinesCountForLineNumbers) {
  StatementBuffer buffer;
  buffer.add_line("");
  buffer.skip_line();  // a dot-command on line 2
  buffer.add_line("SELECT 1;");
  auto statement = buffer.take_statement();
  ASSERT_TRUE(statement);
  EXPECT_EQ(statement->line, 3);
  EXPECT_EQ(buffer.next_line(), 4);
}

}  // namespace
}  // namespace eddy::shell
