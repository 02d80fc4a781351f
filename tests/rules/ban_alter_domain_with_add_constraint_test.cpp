#include "rules/ban_alter_domain_with_add_constraint.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::fixture_findings;

TEST(BanAlterDomainWithAddConstraintTest, FiresOnBadFixture) {
  const auto findings = fixture_findings("ban-alter-domain-with-add-constraint", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  for (const auto& f : findings) {
    EXPECT_EQ(f.rule, "ban-alter-domain-with-add-constraint");
    EXPECT_EQ(f.check, "lint");
    EXPECT_EQ(f.severity, model::Severity::error);
    EXPECT_FALSE(f.help.empty());
    EXPECT_FALSE(f.lock.empty());
    EXPECT_EQ(f.location.file, "fixtures/sql/ban-alter-domain-with-add-constraint/bad.sql");
  }
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "ALTER DOMAIN email_address ADD CONSTRAINT checks every row of every "
            "table with a column of that domain, holding SHARE on each (writes "
            "blocked) until done");
}

TEST(BanAlterDomainWithAddConstraintTest, QuietOnGoodLookAlike) {
  EXPECT_TRUE(fixture_findings("ban-alter-domain-with-add-constraint", "good.sql").empty());
}

TEST(BanAlterDomainWithAddConstraintTest, FiresOnSetNotNullAndValidate) {
  EXPECT_EQ(findings_of("ban-alter-domain-with-add-constraint",
                        "ALTER DOMAIN email_address SET NOT NULL;\nALTER DOMAIN email_address "
                        "VALIDATE CONSTRAINT email_has_at;\n")
                .size(),
            2u);
}

TEST(BanAlterDomainWithAddConstraintTest, QuietOnNotValidAndNewDomains) {
  EXPECT_EQ(findings_of("ban-alter-domain-with-add-constraint",
                        "ALTER DOMAIN email_address ADD CONSTRAINT c CHECK (VALUE <> '') NOT "
                        "VALID;\nALTER DOMAIN email_address DROP NOT NULL;\nCREATE DOMAIN d AS "
                        "text;\nALTER DOMAIN d ADD CONSTRAINT c CHECK (VALUE <> '');\n")
                .size(),
            0u);
}

TEST(BanAlterDomainWithAddConstraintTest, IsRegistered) {
  const Rule* rule = find_rule("ban-alter-domain-with-add-constraint");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const BanAlterDomainWithAddConstraint*>(rule), nullptr);
}

}  // namespace
}  // namespace migsafe::rules
