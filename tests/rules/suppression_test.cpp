#include "rules/suppression.hpp"

#include <gtest/gtest.h>

#include "rules/lint.hpp"

namespace migsafe::rules {
namespace {

std::vector<std::string> rules_of(const std::vector<model::Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.rule + "@" + std::to_string(f.location.line));
  return out;
}

TEST(SuppressionTest, ParsesDirectives) {
  auto d = parse_ignore_directive(" migsafe:ignore ban-drop-table, renaming-column");
  ASSERT_TRUE(d.has_value());
  EXPECT_FALSE(d->file_wide);
  EXPECT_EQ(d->rules, (std::vector<std::string>{"ban-drop-table", "renaming-column"}));
  d = parse_ignore_directive("migsafe:ignore-file prefer-bigint");
  ASSERT_TRUE(d.has_value());
  EXPECT_TRUE(d->file_wide);
  EXPECT_FALSE(parse_ignore_directive("just a comment").has_value());
  EXPECT_FALSE(parse_ignore_directive("migsafe:ignored x").has_value());
}

TEST(SuppressionTest, SqlIgnoreCoversTheNextStatementOnly) {
  const std::string sql =
      "SET lock_timeout = '2s';\n"
      "-- migsafe:ignore ban-drop-table\n"
      "DROP TABLE IF EXISTS a;\n"
      "DROP TABLE IF EXISTS b;\n";
  EXPECT_EQ(rules_of(lint_sql(sql, "m.sql")), (std::vector<std::string>{"ban-drop-table@4"}));
}

TEST(SuppressionTest, FileWideIgnoreAndSquawkAlias) {
  const std::string sql =
      "DROP TABLE IF EXISTS a;\n"
      "-- migsafe:ignore-file ban-drop-table, require-timeout-settings\n"
      "DROP TABLE IF EXISTS b;\n";
  EXPECT_TRUE(lint_sql(sql, "m.sql").empty());
}

TEST(SuppressionTest, UnknownAndUnusedIgnoresAreWarnings) {
  const std::string sql =
      "-- migsafe:ignore no-such-rule, renaming-table\n"
      "CREATE TABLE IF NOT EXISTS a (id bigint);\n";
  const auto findings = lint_sql(sql, "m.sql");
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].rule, "unknown-rule");
  EXPECT_EQ(findings[0].severity, model::Severity::warning);
  EXPECT_EQ(findings[0].message, "migsafe:ignore names unknown rule \"no-such-rule\"");
  EXPECT_EQ(findings[0].location.line, 1);
  EXPECT_EQ(findings[1].rule, "unused-ignore");
  EXPECT_EQ(findings[1].message,
            "migsafe:ignore renaming-table suppresses nothing on the statement after it");
}

TEST(SuppressionTest, ExternalSuppressionsGoThroughTheSameStep) {
  // What the Alembic integration does with `# migsafe:ignore` in a revision file.
  LintUnit unit;
  Piece piece;
  piece.sql = "DROP TABLE IF EXISTS plates";
  piece.origin = {"versions/abc_drop.py", 21, 5, "abc"};
  piece.positions = Positions::at_origin;
  unit.pieces.push_back(piece);
  Suppression python;
  python.rules = {"ban-drop-table", "require-lock-timeout"};
  python.where = {"versions/abc_drop.py", 20, 5, "abc"};
  python.first_line = 20;
  python.last_line = 21;
  unit.suppressions.push_back(python);
  EXPECT_TRUE(lint(unit).empty());
}

TEST(SuppressionTest, IgnoreOfADisabledRuleIsNotUnused) {
  LintOptions options;
  options.disabled = {"ban-drop-table"};
  const std::string sql =
      "SET lock_timeout = '2s';\n-- migsafe:ignore ban-drop-table\nDROP TABLE IF EXISTS a;\n";
  EXPECT_TRUE(lint_sql(sql, "m.sql", options).empty());
}

}  // namespace
}  // namespace migsafe::rules
