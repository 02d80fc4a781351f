#include "rules/ban_commit_in_migration.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;

constexpr const char* rule_id = "ban-commit-in-migration";

LintOptions in_alembic_transaction() {
  LintOptions options;
  options.context.assume_in_transaction = true;
  return options;
}

// Alembic's own statement: what revision_units.cpp makes of a "transaction" statement.
Piece tools(const std::string& sql) {
  Piece piece;
  piece.sql = sql;
  piece.origin = {"versions/5c4d_plates.py", 1, 1, "5c4d"};
  piece.author = sql::Author::tool;
  return piece;
}

Piece migrations(const std::string& sql) {
  Piece piece = tools(sql);
  piece.author = sql::Author::migration;
  return piece;
}

std::vector<model::Finding> unit_findings(const std::vector<Piece>& pieces,
                                          const LintOptions& options = {}) {
  LintUnit unit;
  unit.pieces = pieces;
  std::vector<model::Finding> out;
  for (model::Finding& f : lint(unit, options)) {
    if (f.rule == rule_id) out.push_back(std::move(f));
  }
  return out;
}

TEST(BanCommitInMigrationTest, FiresOnBadFixture) {
  const auto findings = fixture_findings(rule_id, "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  EXPECT_EQ(findings[0].rule, rule_id);
  EXPECT_EQ(findings[0].check, "lint");
  EXPECT_EQ(findings[0].severity, model::Severity::warning);
  EXPECT_EQ(findings[0].location.file, "fixtures/sql/ban-commit-in-migration/bad.sql");
  EXPECT_EQ(findings[0].location.line, 3);
  EXPECT_EQ(findings[0].message,
            "COMMIT ends the transaction the migration runs in (Alembic's, or the one the tool "
            "wraps the file in), which the migration did not open: the statements before it "
            "stay applied if a later one fails, and the version table is not updated with them");
  EXPECT_NE(findings[0].help.find("autocommit_block"), std::string::npos);
}

TEST(BanCommitInMigrationTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings(rule_id, "good.sql").empty());
}

// Every spelling that ends the transaction: COMMIT, END, ROLLBACK, ABORT.
TEST(BanCommitInMigrationTest, FiresOnEverySpellingInsideTheToolsTransaction) {
  for (const char* sql : {"COMMIT;", "END;", "COMMIT AND CHAIN;", "ROLLBACK;", "ABORT;"}) {
    EXPECT_EQ(findings_of(rule_id, std::string("SELECT 1;\n") + sql + "\n",
                          in_alembic_transaction())
                  .size(),
              1u)
        << sql;
  }
  const auto rollback = findings_of(rule_id, "ROLLBACK;\n", in_alembic_transaction());
  ASSERT_EQ(rollback.size(), 1u);
  EXPECT_EQ(rollback[0].message.rfind("ROLLBACK ends the transaction", 0), 0u);
}

// A .sql file's own transaction, a savepoint, a COMMIT after the last transaction ended,
// and a COMMIT in a DO block are not the tool's transaction ending.
TEST(BanCommitInMigrationTest, QuietOnTransactionsTheMigrationOpened) {
  EXPECT_TRUE(findings_of(rule_id, "BEGIN;\nSELECT 1;\nEND;\nBEGIN;\nSELECT 2;\nROLLBACK;\n")
                  .empty());
  EXPECT_TRUE(findings_of(rule_id, "SAVEPOINT s;\nROLLBACK TO SAVEPOINT s;\nRELEASE s;\n",
                          in_alembic_transaction())
                  .empty());
  // The nested BEGIN is transaction-nesting's finding; its COMMIT, and the one after,
  // are not this rule's too.
  EXPECT_TRUE(findings_of(rule_id, "BEGIN;\nSELECT 1;\nCOMMIT;\nCOMMIT;\n",
                          in_alembic_transaction())
                  .empty());
  EXPECT_TRUE(findings_of(rule_id,
                          "DO $$ BEGIN PERFORM 1; COMMIT; END $$;\n", in_alembic_transaction())
                  .empty());
}

// Alembic's per-migration transaction and an autocommit block, as revision_units.cpp
// marks them: only the revision's own COMMIT fires.
TEST(BanCommitInMigrationTest, TellsTheToolsStatementsFromTheMigrations) {
  EXPECT_TRUE(unit_findings({tools("BEGIN;"), migrations("ALTER TABLE plates ADD COLUMN r text;"),
                             tools("COMMIT;"),
                             migrations("CREATE INDEX CONCURRENTLY plates_r ON plates (r);"),
                             tools("BEGIN;"), tools("COMMIT;")})
                  .empty());
  EXPECT_TRUE(unit_findings({tools("COMMIT;"), migrations("SELECT 1;"), tools("BEGIN;")},
                            in_alembic_transaction())
                  .empty());
  const auto own = unit_findings({tools("BEGIN;"), migrations("ALTER TABLE plates ADD COLUMN r text;"),
                                  migrations("COMMIT;"), migrations("UPDATE plates SET r = 'eu';"),
                                  tools("COMMIT;")});
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].statement, "COMMIT");
}

TEST(BanCommitInMigrationTest, IsRegistered) {
  const Rule* rule = find_rule(rule_id);
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const BanCommitInMigration*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
