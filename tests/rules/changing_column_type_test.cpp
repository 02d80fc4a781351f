#include "rules/changing_column_type.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_findings;
using testing::chain_findings;
using testing::findings_of;

TEST(ChangingColumnTypeTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("changing-column-type", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "changing-column-type");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/changing-column-type/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "ALTER COLUMN number TYPE bigint on plates rewrites the table and rebuilds its indexes "
            "under ACCESS EXCLUSIVE");
}

TEST(ChangingColumnTypeTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("changing-column-type", "good.sql").empty());
}

TEST(ChangingColumnTypeTest, IsRegistered) {
  const Rule* rule = find_rule("changing-column-type");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const ChangingColumnType*>(rule), nullptr);
}


// From an unbounded type to a bounded one every value is checked: a rewrite. The old
// type comes from an earlier revision.
TEST(ChangingColumnTypeTest, UnboundedToBoundedIsARewrite) {
  const std::string id = "changing-column-type";
  const std::string first =
      "CREATE TABLE users (id BIGSERIAL NOT NULL, email VARCHAR, bio TEXT, code VARCHAR(100), "
      "PRIMARY KEY (id));\n";
  auto f = chain_findings(id, {first, "ALTER TABLE users ALTER COLUMN email TYPE VARCHAR(255);\n"});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "ALTER COLUMN email TYPE varchar(255) (was varchar) on users rewrites the table and "
            "rebuilds its indexes under ACCESS EXCLUSIVE");
  EXPECT_EQ(chain_findings(id, {first, "ALTER TABLE users ALTER COLUMN bio TYPE VARCHAR(255);\n"})
                .size(),
            1u);
  EXPECT_EQ(chain_findings(id, {first, "ALTER TABLE users ALTER COLUMN code TYPE VARCHAR(50);\n"})
                .size(),
            1u);
  // Safe as before: a longer limit, or no limit.
  EXPECT_TRUE(
      chain_findings(id, {first, "ALTER TABLE users ALTER COLUMN code TYPE VARCHAR(200);\n"
                                 "ALTER TABLE users ALTER COLUMN email TYPE TEXT;\n"
                                 "ALTER TABLE users ALTER COLUMN bio TYPE VARCHAR;\n"})
          .empty());
  // The old type unknown (no earlier revision): a varchar target is trusted, as before.
  EXPECT_TRUE(findings_of(id, "ALTER TABLE users ALTER COLUMN email TYPE VARCHAR(255);\n").empty());
}

// ALTER TYPE ... ALTER ATTRIBUTE ... CASCADE changes the column of every typed table (CREATE
// TABLE ... OF the type), rewriting each; without CASCADE PostgreSQL refuses when such a
// table exists, so only CASCADE reaches one.
TEST(ChangingColumnTypeTest, FiresOnAlterAttributeCascadeOfAnExistingCompositeType) {
  const std::string id = "changing-column-type";
  const auto f =
      findings_of(id, "ALTER TYPE money_amount ALTER ATTRIBUTE cents TYPE bigint CASCADE;\n");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "ALTER ATTRIBUTE cents TYPE bigint CASCADE on type money_amount changes the column in "
            "every table of that type (CREATE TABLE ... OF money_amount): it rewrites each and "
            "rebuilds their indexes under ACCESS EXCLUSIVE");
  EXPECT_EQ(f[0].lock,
            "ACCESS EXCLUSIVE on the tables of type money_amount: blocks reads and writes");
  EXPECT_NE(f[0].help.find("NOT OF"), std::string::npos);
  // No CASCADE: no table is changed. A type this migration creates has no typed table that
  // holds rows. A binary-coercible target (text) rewrites nothing.
  EXPECT_TRUE(findings_of(id,
                          "ALTER TYPE money_amount ALTER ATTRIBUTE cents TYPE bigint;\n"
                          "CREATE TYPE box AS (w integer);\n"
                          "ALTER TYPE box ALTER ATTRIBUTE w TYPE bigint CASCADE;\n"
                          "ALTER TYPE money_amount ALTER ATTRIBUTE currency TYPE text CASCADE;\n")
                  .empty());
}

}  // namespace
}  // namespace migsafe::rules
