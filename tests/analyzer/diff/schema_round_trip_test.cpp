// The schema-vs-schema diff the up-down-consistency, downgrade-leaves-no-trace and
// replay-preserves-schema checks use: database against database, both reflected.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "analyzer/alembic/project.hpp"
#include "analyzer/diff/compare.hpp"
#include "dbdrivers/reflect.hpp"
#include "tests/analyzer/diff/drift_support.hpp"

namespace migsafe::analyzer::diff::test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class SchemaRoundTrip : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    scratch_ = migrated(GetParam(), "drift_clean");
    project_ = std::make_unique<alembic::Project>(fixture("drift_clean"));
    project_->set_url(scratch_->url().to_string());
  }
  model::Schema reflect() const { return dbdrivers::reflect(scratch_->url()); }
  DiffOptions options(const std::string& expected, const std::string& actual) const {
    return DiffOptions{scratch_->url().dialect(), expected, actual};
  }

  std::unique_ptr<dbdrivers::ScratchDatabase> scratch_;
  std::unique_ptr<alembic::Project> project_;
};

TEST_P(SchemaRoundTrip, DowngradeToBaseAndUpgradeAgainGivesTheSameSchema) {
  const auto first = reflect();
  ASSERT_EQ(first.tables.size(), 3u);
  project_->downgrade("base");
  const auto empty = reflect();
  EXPECT_THAT(empty.tables, IsEmpty());
  EXPECT_THAT(empty.enums, IsEmpty());
  project_->upgrade("head");
  EXPECT_THAT(compare_schemas(first, reflect(), options("schema after upgrade", "schema after downgrade and upgrade")),
              IsEmpty());
}

TEST_P(SchemaRoundTrip, DowngradingARevisionLeavesNoTrace) {
  project_->downgrade("a1c0de000001");
  const auto parent = reflect();
  project_->upgrade("b2c0de000002");
  project_->downgrade("a1c0de000001");
  EXPECT_THAT(compare_schemas(parent, reflect(), options("schema at a1c0de000001", "schema after b2c0de000002 and back")),
              IsEmpty());
}

TEST_P(SchemaRoundTrip, DatabaseAgainstDatabaseFindsWhatARevisionAdds) {
  const auto head = reflect();
  project_->downgrade("a1c0de000001");
  const auto findings = compare_database_schemas(head, reflect(), scratch_->url().dialect(), "up-down-consistency",
                                                 "schema after upgrade", "schema after downgrade");
  std::vector<std::string> headlines;
  for (const auto& f : findings) headlines.push_back(f.message.substr(0, f.message.find('\n')));
  if (GetParam() == "sqlite") {
    EXPECT_THAT(headlines, ElementsAre("table orders is in the schema after upgrade but not in the schema after downgrade"));
  } else {
    EXPECT_THAT(headlines,
                ElementsAre("table orders is in the schema after upgrade but not in the schema after downgrade",
                            "sequence order_number_seq is in the schema after upgrade but not in the schema after downgrade"));
  }
  EXPECT_THAT(findings.at(0).message, ::testing::HasSubstr("Expected (schema after upgrade): TABLE orders ("));
  EXPECT_EQ(findings.at(0).rule, "up-down-consistency");
}

INSTANTIATE_TEST_SUITE_P(Backends, SchemaRoundTrip, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migsafe::analyzer::diff::test
