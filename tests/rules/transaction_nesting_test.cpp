#include "rules/transaction_nesting.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;

LintOptions in_alembic_transaction() {
  LintOptions options;
  options.context.assume_in_transaction = true;
  return options;
}

TEST(TransactionNestingTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("transaction-nesting", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  EXPECT_EQ(findings[0].rule, "transaction-nesting");
  EXPECT_EQ(findings[0].check, "lint");
  EXPECT_EQ(findings[0].severity, model::Severity::warning);
  EXPECT_EQ(findings[0].location.file, "fixtures/sql/transaction-nesting/bad.sql");
  EXPECT_EQ(findings[0].location.line, 5);
  EXPECT_EQ(findings[0].message,
            "BEGIN inside a transaction that is already open (the migration's own when Alembic "
            "runs it in one): PostgreSQL ignores it with a warning, and the COMMIT written for it "
            "commits the outer transaction early, so a failure after it leaves the migration half "
            "applied");
  EXPECT_NE(findings[0].help.find("autocommit_block"), std::string::npos);
}

TEST(TransactionNestingTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("transaction-nesting", "good.sql").empty());
}

// Inside Alembic's transaction a migration's own BEGIN is nested; Alembic's own BEGIN
// after an autocommit block's COMMIT, or a file's BEGIN outside any transaction, is not.
TEST(TransactionNestingTest, FiresOnlyWhereATransactionIsAlreadyOpen) {
  EXPECT_EQ(
      findings_of("transaction-nesting", "BEGIN;\nSELECT 1;\nCOMMIT;\n", in_alembic_transaction())
          .size(),
      1u);
  EXPECT_EQ(
      findings_of("transaction-nesting", "START TRANSACTION;\n", in_alembic_transaction()).size(),
      1u);
  EXPECT_TRUE(findings_of("transaction-nesting",
                          "COMMIT;\nCREATE INDEX CONCURRENTLY i ON t (c);\nBEGIN;\n",
                          in_alembic_transaction())
                  .empty());
  EXPECT_TRUE(findings_of("transaction-nesting",
                          "BEGIN;\nSAVEPOINT s;\nROLLBACK TO SAVEPOINT s;\nCOMMIT;\nBEGIN;\n")
                  .empty());
}

TEST(TransactionNestingTest, IsRegistered) {
  const Rule* rule = find_rule("transaction-nesting");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const TransactionNesting*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
