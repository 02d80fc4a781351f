// One finding per cause (Rule::grouping()): require-lock-timeout once per transaction,
// the prefer-* rules once per migration, each listing every statement it stands for;
// an ignore comment on one statement removes that occurrence only.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "rules/lint.hpp"
#include "rules/registry.hpp"

namespace migsafe::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<model::Finding> of_rule(const std::vector<model::Finding>& findings,
                                    const std::string& rule) {
  std::vector<model::Finding> out;
  for (const auto& f : findings) {
    if (f.rule == rule) out.push_back(f);
  }
  return out;
}

std::vector<int> occurrence_lines(const model::Finding& finding) {
  std::vector<int> lines;
  for (const auto& o : finding.occurrences) lines.push_back(o.location.line);
  return lines;
}

// (rule, line, column, statement) of each statement a finding stands for.
using Covered = std::tuple<std::string, int, int, std::string>;

std::set<Covered> covered_by(const std::vector<model::Finding>& findings) {
  std::set<Covered> out;
  for (const auto& f : findings) {
    if (f.occurrences.empty()) {
      out.insert({f.rule, f.location.line, f.location.column, f.statement});
      continue;
    }
    for (const auto& o : f.occurrences) {
      out.insert({f.rule, o.location.line, o.location.column, o.statement});
    }
  }
  return out;
}

const std::string two_transactions =
    "BEGIN;\n"                                            // 1
    "ALTER TABLE users ADD COLUMN a varchar(20);\n"       // 2
    "ALTER TABLE users ADD COLUMN b integer;\n"           // 3
    "CREATE INDEX IF NOT EXISTS ix_a ON users (a);\n"     // 4
    "COMMIT;\n"                                           // 5
    "BEGIN;\n"                                            // 6
    "ALTER TABLE orders ADD COLUMN c varchar(30);\n"      // 7
    "ALTER TABLE orders ADD COLUMN d timestamp;\n"        // 8
    "COMMIT;\n";                                          // 9

TEST(OneFindingPerCause, LockTimeoutOncePerTransactionListingEveryStatement) {
  const auto findings = of_rule(lint_sql(two_transactions, "m.sql"), "require-lock-timeout");
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].statement, "ALTER TABLE users ADD COLUMN a varchar(20)");
  EXPECT_THAT(occurrence_lines(findings[0]), ElementsAre(2, 3, 4));
  EXPECT_EQ(findings[0].occurrences[2].statement, "CREATE INDEX IF NOT EXISTS ix_a ON users (a)");
  EXPECT_THAT(occurrence_lines(findings[1]), ElementsAre(7, 8));
  // The message is the first statement's; the occurrences say how many there are.
  EXPECT_THAT(findings[0].message, HasSubstr("takes ACCESS EXCLUSIVE on users"));
}

TEST(OneFindingPerCause, PreferRulesOncePerMigrationAcrossTransactions) {
  const auto findings = lint_sql(two_transactions, "m.sql");
  const auto text = of_rule(findings, "prefer-text-field");
  ASSERT_EQ(text.size(), 1u);
  EXPECT_THAT(occurrence_lines(text[0]), ElementsAre(2, 7));
  // A cause of one statement is still listed: every finding of a grouping rule has them.
  const auto timestamptz = of_rule(findings, "prefer-timestamptz");
  ASSERT_EQ(timestamptz.size(), 1u);
  EXPECT_THAT(occurrence_lines(timestamptz[0]), ElementsAre(8));
}

// Without transaction statements, the whole script is one session: one SET at the top
// covers it, so it is one cause.
TEST(OneFindingPerCause, ScriptWithoutTransactionsIsOneSession) {
  const auto findings = of_rule(
      lint_sql("ALTER TABLE users ADD COLUMN a text;\nALTER TABLE orders ADD COLUMN b text;\n",
               "m.sql"),
      "require-lock-timeout");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_THAT(occurrence_lines(findings[0]), ElementsAre(1, 2));
}

// A statement that violates a rule twice (two varchar columns, two referenced tables) is
// one occurrence of the cause, listed once.
TEST(OneFindingPerCause, EachStatementIsListedOnce) {
  const auto findings = lint_sql(
      "CREATE TABLE IF NOT EXISTS t (a varchar(10), b varchar(20));\n"
      "ALTER TABLE users ADD COLUMN c varchar(5);\n"
      "CREATE TABLE IF NOT EXISTS u (x bigint REFERENCES users (id), y bigint REFERENCES orders (id));\n",
      "m.sql");
  const auto text = of_rule(findings, "prefer-text-field");
  ASSERT_EQ(text.size(), 1u);
  EXPECT_THAT(occurrence_lines(text[0]), ElementsAre(1, 2));
  const auto timeout = of_rule(findings, "require-lock-timeout");
  ASSERT_EQ(timeout.size(), 1u);
  EXPECT_THAT(occurrence_lines(timeout[0]), ElementsAre(2, 3));
}

// Grouped or not, the same statements are reported: grouping only gathers them (each
// statement once).
TEST(OneFindingPerCause, EveryStatementThatFiredAloneIsAnOccurrence) {
  LintOptions each;
  each.one_finding_per_cause = false;
  const auto alone = lint_sql(two_transactions, "m.sql", each);
  const auto grouped = lint_sql(two_transactions, "m.sql");
  EXPECT_LT(grouped.size(), alone.size());
  EXPECT_EQ(covered_by(grouped), covered_by(alone));
  for (const auto& f : alone) EXPECT_TRUE(f.occurrences.empty()) << f.rule;
}

TEST(OneFindingPerCause, GroupedFindingKeepsThePlaceOfItsFirstStatement) {
  const auto findings = lint_sql(two_transactions, "m.sql");
  // The grouped findings sit at lines 2 and 7, among the statement-by-statement ones.
  int last_line = 0;
  for (const auto& f : findings) {
    EXPECT_GE(f.location.line, last_line) << f.rule;
    last_line = f.location.line;
  }
}

TEST(OneFindingPerCause, IgnoreOnOneOccurrenceRemovesOnlyThatOne) {
  const std::string sql =
      "ALTER TABLE users ADD COLUMN a text;\n"                 // 1
      "-- migsafe:ignore require-lock-timeout\n"              // 2
      "ALTER TABLE users ADD COLUMN b text;\n"                 // 3
      "ALTER TABLE orders ADD COLUMN c text;\n";               // 4
  const auto all = lint_sql(sql, "m.sql");
  const auto findings = of_rule(all, "require-lock-timeout");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_THAT(occurrence_lines(findings[0]), ElementsAre(1, 4));
  EXPECT_TRUE(of_rule(all, std::string(unused_ignore_id)).empty()) << "the ignore removed one";
}

TEST(OneFindingPerCause, IgnoreOnTheFirstMovesTheFindingToTheNext) {
  const std::string sql =
      "-- migsafe:ignore prefer-text-field\n"
      "ALTER TABLE users ADD COLUMN a varchar(5);\n"           // 2
      "ALTER TABLE users ADD COLUMN b varchar(6);\n";          // 3
  const auto findings = of_rule(lint_sql(sql, "m.sql"), "prefer-text-field");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].location.line, 3);
  EXPECT_EQ(findings[0].statement, "ALTER TABLE users ADD COLUMN b varchar(6)");
  EXPECT_THAT(occurrence_lines(findings[0]), ElementsAre(3));
}

TEST(OneFindingPerCause, IgnoringEveryOccurrenceRemovesTheFinding) {
  const std::string sql =
      "-- migsafe:ignore require-lock-timeout\n"
      "ALTER TABLE users ADD COLUMN a text;\n"
      "-- migsafe:ignore require-lock-timeout\n"
      "ALTER TABLE orders ADD COLUMN b text;\n";
  const auto all = lint_sql(sql, "m.sql");
  EXPECT_TRUE(of_rule(all, "require-lock-timeout").empty());
  EXPECT_TRUE(of_rule(all, std::string(unused_ignore_id)).empty());
}

// Rules that are about one statement each keep one finding per statement.
TEST(OneFindingPerCause, OtherRulesStayOnePerStatement) {
  const auto findings = of_rule(lint_sql(two_transactions, "m.sql"), "require-if-not-exists");
  ASSERT_EQ(findings.size(), 4u);
  for (const auto& f : findings) EXPECT_TRUE(f.occurrences.empty());
}

TEST(OneFindingPerCause, TheRulesThatGroupSayHow) {
  EXPECT_EQ(find_rule("require-lock-timeout")->grouping(), Grouping::per_transaction);
  for (const char* id : {"prefer-bigint", "prefer-identity", "prefer-text-field", "prefer-timestamptz"}) {
    EXPECT_EQ(find_rule(id)->grouping(), Grouping::per_unit) << id;
  }
  EXPECT_EQ(find_rule("ban-drop-column")->grouping(), Grouping::per_statement);
}

}  // namespace
}  // namespace migsafe::rules
