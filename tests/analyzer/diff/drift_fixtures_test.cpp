// Every drift fixture migrated to head on a real database: run_drift finds exactly its
// difference, with the right object names, and drift_clean reports nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "analyzer/alembic/project.hpp"
#include "analyzer/drift.hpp"
#include "model/error.hpp"
#include "tests/analyzer/diff/drift_support.hpp"

#ifndef DRIFT_BACKENDS
#error "DRIFT_BACKENDS must list the backends this test program runs on"
#endif

namespace migsafe::analyzer::diff::test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct Case {
  std::string fixture;
  std::string headline;  // empty: no difference
  bool postgres_only = false;
};

const std::vector<Case> cases = {
    {"drift_clean", ""},
    {"reggie", ""},
    {"drift_hooks", ""},
    {"drift_missing_column", "column plates.region is in the models but not in the database"},
    {"drift_extra_column", "column plates.note is in the database but not in the models"},
    {"drift_type", "column plates.number: type differs between the models and the database"},
    {"drift_nullability", "column plates.note: nullable differs between the models and the database"},
    {"drift_server_default", "column plates.number: server_default differs between the models and the database"},
    {"drift_index", "index ix_plates_owner_number on plates is in the models but not in the database"},
    {"drift_partial_predicate", "index ix_plates_live on plates: predicate differs between the models and the database"},
    {"drift_unique", "unique constraint uq_owners_email on owners is in the database but not in the models"},
    {"drift_fk_action",
     "foreign key fk_orders_plate_id_plates on orders: on_delete differs between the models and the database"},
    {"drift_collation", "column plates.number: collation differs between the models and the database"},
    {"drift_check",
     "check constraint ck_plates_price_positive on plates: expression differs between the models and the database"},
    {"drift_enum_label", "enum plate_state: labels differs between the models and the database", true},
    {"drift_sequence", "sequence order_number_seq: start differs between the models and the database", true},
    {"drift_comment", "table plates: comment differs between the models and the database", true},
};

using Param = std::tuple<std::string, Case>;

class DriftFixture : public ::testing::TestWithParam<Param> {};

TEST_P(DriftFixture, FindsExactlyItsDifference) {
  const auto& [backend, c] = GetParam();
  auto scratch = migrated(backend, c.fixture);
  const auto report = run_drift(fixture(c.fixture), scratch->url().to_string());
  EXPECT_EQ(report.command, "drift");
  EXPECT_EQ(report.database.kind, "existing");
  ASSERT_FALSE(report.findings.empty());
  EXPECT_EQ(report.findings[0].severity, model::Severity::info) << report.findings[0].message;
  EXPECT_THAT(report.findings[0].message, ::testing::EndsWith("(head)"));
  const auto headlines = difference_headlines(report);
  const bool expect_none = c.headline.empty() || (c.postgres_only && backend == "sqlite");
  if (expect_none) {
    EXPECT_THAT(headlines, IsEmpty()) << report.findings.back().message << "\n" << report.findings.back().help;
    EXPECT_EQ(report.checks.at(0).status, model::CheckStatus::passed);
  } else {
    EXPECT_THAT(headlines, ElementsAre(c.headline));
    EXPECT_EQ(report.checks.at(0).status, model::CheckStatus::failed);
    EXPECT_FALSE(report.findings.back().help.empty());
  }
}

class DriftOptionsTest : public ::testing::TestWithParam<std::string> {};

TEST_P(DriftOptionsTest, MetadataSpecReplacesEnvPysTargetMetadata) {
  auto scratch = migrated(GetParam(), "drift_missing_column");
  DriftOptions options;
  options.metadata_spec = "models:metadata";  // the project folder is on sys.path
  const auto report = run_drift(fixture("drift_missing_column"), scratch->url().to_string(), options);
  EXPECT_THAT(difference_headlines(report),
              ElementsAre("column plates.region is in the models but not in the database"));
}

TEST_P(DriftOptionsTest, DatabaseBehindHeadIsReported) {
  auto scratch = migrated(GetParam(), "drift_clean");
  {
    alembic::Project project(fixture("drift_clean"));
    project.set_url(scratch->url().to_string());
    project.downgrade("a1c0de000001");
  }
  const auto report = run_drift(fixture("drift_clean"), scratch->url().to_string());
  ASSERT_FALSE(report.findings.empty());
  EXPECT_EQ(report.findings[0].severity, model::Severity::warning);
  EXPECT_EQ(report.findings[0].message,
            "the database is at revision a1c0de000001, not at head (b2c0de000002): some differences may be "
            "migrations not yet applied");
  EXPECT_THAT(difference_headlines(report),
              ::testing::Contains("table orders is in the models but not in the database"));
}

// env.py's context.configure(version_table=...): the revision is read from that table,
// which is Alembic's bookkeeping and no difference.
TEST_P(DriftOptionsTest, EnvPysVersionTableIsTheBookkeeping) {
  auto scratch = migrated(GetParam(), "custom_version_table");
  const auto report = run_drift(fixture("custom_version_table"), scratch->url().to_string());
  ASSERT_FALSE(report.findings.empty());
  EXPECT_EQ(report.findings[0].message, "the database is at revision 1b2c3d4e5f6a (head)");
  EXPECT_THAT(difference_headlines(report), IsEmpty());
}

TEST_P(DriftOptionsTest, UnreachableDatabaseIsAnEnvironmentError) {
  const std::string url = GetParam() == "sqlite" ? "sqlite:////nonexistent/folder/x.db"
                                                 : "postgresql://postgres:secret@127.0.0.1:1/postgres";
  try {
    run_drift(fixture("drift_clean"), url);
    FAIL() << "no error";
  } catch (const model::EnvironmentError& error) {
    EXPECT_THAT(error.what(), ::testing::Not(::testing::HasSubstr("secret")));
  }
}

// env.py runs while the database is reflected on a second thread. Connecting reads the
// environment (libpq's getenv), and env.py may be changing it (load_dotenv, or
// migsafe's own DATABASE_URL): the reflection's connection is opened before env.py
// runs, so the two never race. This env.py grows and shrinks the environment by
// thousands of variables; an ASan build crashed on a race of this kind in CI.
TEST_P(DriftOptionsTest, EnvPyChangingTheEnvironmentDoesNotRaceTheReflection) {
  auto scratch = migrated(GetParam(), "drift_clean");
  const std::filesystem::path copy = std::filesystem::temp_directory_path() /
                                     ("migsafe-environment-churn-" + std::to_string(::getpid()));
  std::filesystem::remove_all(copy);
  std::filesystem::copy(fixture("drift_clean"), copy, std::filesystem::copy_options::recursive);
  const std::filesystem::path env_py = copy / "migrations" / "env.py";
  std::ifstream in(env_py);
  const std::string original{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::ofstream(env_py) << "import os as _os\n"
                           "for _round in range(3):\n"
                           "    for _i in range(2000):\n"
                           "        _os.environ['MIGSAFE_CHURN_%d' % _i] = 'x' * 40\n"
                           "    for _i in range(2000):\n"
                           "        del _os.environ['MIGSAFE_CHURN_%d' % _i]\n"
                        << original;
  for (int run = 0; run < 5; ++run) {
    const auto report = run_drift(copy, scratch->url().to_string());
    EXPECT_THAT(difference_headlines(report), IsEmpty()) << "run " << run;
  }
  std::filesystem::remove_all(copy);
}

INSTANTIATE_TEST_SUITE_P(Backends, DriftOptionsTest, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return info.param; });

std::string name(const ::testing::TestParamInfo<Param>& info) {
  return std::get<0>(info.param) + "_" + std::get<1>(info.param).fixture;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, DriftFixture,
                         ::testing::Combine(::testing::ValuesIn(backends()), ::testing::ValuesIn(cases)), name);

}  // namespace
}  // namespace migsafe::analyzer::diff::test
