#include "rules/changing_generated_expression.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "rules/sql/parser.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;

TEST(ChangingGeneratedExpressionTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("changing-generated-expression", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  EXPECT_EQ(findings[0].rule, "changing-generated-expression");
  EXPECT_EQ(findings[0].check, "lint");
  EXPECT_EQ(findings[0].severity, model::Severity::error);
  EXPECT_EQ(findings[0].location.file, "fixtures/sql/changing-generated-expression/bad.sql");
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "ALTER COLUMN total_cents SET EXPRESSION on orders recomputes the stored column in "
            "every row: it rewrites the table and rebuilds its indexes under ACCESS EXCLUSIVE");
  EXPECT_EQ(findings[0].lock, "ACCESS EXCLUSIVE on orders: blocks reads and writes");
  EXPECT_FALSE(findings[0].help.empty());
}

TEST(ChangingGeneratedExpressionTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("changing-generated-expression", "good.sql").empty());
}

// PostgreSQL 17 syntax the PG 15 grammar rejects: read, not reported as a syntax error.
TEST(ChangingGeneratedExpressionTest, TheStatementIsLintedNotASyntaxError) {
  const std::string sql = "ALTER TABLE orders ALTER total_cents SET EXPRESSION AS (total * 100);\n";
  EXPECT_EQ(findings_of("changing-generated-expression", sql).size(), 1u);
  EXPECT_TRUE(findings_of("syntax-error", sql).empty());
}

// Each SET EXPRESSION of a statement with several commands, by its own column.
TEST(ChangingGeneratedExpressionTest, FiresOnEachSetExpressionAmongOtherCommands) {
  const auto findings = findings_of(
      "changing-generated-expression",
      "ALTER TABLE ONLY orders ADD COLUMN note text, ALTER COLUMN a SET EXPRESSION AS "
      "(coalesce(x, ARRAY[1, 2])), ALTER COLUMN b SET /* two */ EXPRESSION AS (y + 1);\n");
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_NE(findings[0].message.find("ALTER COLUMN a SET EXPRESSION"), std::string::npos);
  EXPECT_NE(findings[1].message.find("ALTER COLUMN b SET EXPRESSION"), std::string::npos);
}

// Only the SET EXPRESSION clause is read through SET DEFAULT: anything else the PG 15
// grammar rejects is still a syntax error, and so is a malformed SET EXPRESSION.
TEST(ChangingGeneratedExpressionTest, OtherSyntaxErrorsStaySyntaxErrors) {
  for (const char* sql : {
           "ALTER TABLE orders ALTER COLUMN a SET EXPRESSION AS (x +);\n",
           "ALTER TABLE orders ALTER COLUMN a SET EXPRESSION AS x;\n",
           "ALTER TABLE orders ALTER COLUMN a SET EXPRESSION AS (x), ALTER COLUMN b BOGUS;\n",
           "ALTER TABLE orders ALTER COLUMN a SET EXPRESSION AS (JSON_OBJECT('a': 1));\n",
           "ALTER TABLE orders ADD CHECK (note <> 'ALTER a SET EXPRESSION AS (1)') BOGUS;\n",
       }) {
    SCOPED_TRACE(sql);
    EXPECT_EQ(findings_of("syntax-error", sql).size(), 1u);
    EXPECT_TRUE(findings_of("changing-generated-expression", sql).empty());
  }
}

TEST(ChangingGeneratedExpressionTest, ReadAsAnAlterTableCommandOfItsOwnKind) {
  const auto statements = sql::parse_script(
      "ALTER TABLE orders ALTER COLUMN total_cents SET EXPRESSION AS (total * 100), "
      "ALTER COLUMN currency SET DEFAULT 'EUR'");
  ASSERT_EQ(statements.size(), 1u);
  ASSERT_FALSE(statements[0].has_error) << statements[0].error.message;
  EXPECT_EQ(statements[0].node, "AlterTableStmt");
  EXPECT_EQ(statements[0].text,
            "ALTER TABLE orders ALTER COLUMN total_cents SET EXPRESSION AS (total * 100), "
            "ALTER COLUMN currency SET DEFAULT 'EUR'");
  const auto* a = statements[0].as<sql::AlterTable>();
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->commands.size(), 2u);
  EXPECT_EQ(a->commands[0].kind, sql::AlterKind::set_expression);
  EXPECT_EQ(a->commands[0].subtype, "AT_SetExpression");
  EXPECT_EQ(a->commands[0].column, "total_cents");
  EXPECT_EQ(a->commands[1].kind, sql::AlterKind::set_default);
}

TEST(ChangingGeneratedExpressionTest, IsRegistered) {
  const Rule* rule = find_rule("changing-generated-expression");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const ChangingGeneratedExpression*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
