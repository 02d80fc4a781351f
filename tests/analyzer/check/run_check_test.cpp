#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "model/error.hpp"
#include "tests/analyzer/check/check_fixture.hpp"

namespace migsafe::analyzer::check::testing {
namespace {

TEST(RunCheck, SampleProjectPassesEveryDefaultCheck) {
  const model::Report report = check_fixture("reggie");
  ASSERT_FALSE(report.checks.empty());
  for (const auto& check : report.checks) {
    if (check.name == "expand-contract") continue;  // no --base-ref: below
    EXPECT_EQ(model::check_status_name(check.status), "passed") << check.name;
  }
  // Nothing names new revisions: skipped, saying how to name them.
  EXPECT_EQ(status_of(report, "expand-contract"), "skipped");
  for (const auto& finding : report.findings) {
    EXPECT_NE(finding.severity, model::Severity::error) << finding.check << ": " << finding.message;
  }
  EXPECT_EQ(report.database.dialect, std::string(MIGSAFE_TEST_DB) == "postgres" ? "postgresql"
                                                                                 : "sqlite");
  EXPECT_FALSE(report.database.server_version.empty());
}

TEST(RunCheck, SampleProjectReplaysEachRevision) {
  const model::Report report = check_fixture("reggie", {"replay-per-revision"});
  EXPECT_EQ(status_of(report, "replay-per-revision"), "passed");
  EXPECT_TRUE(report.findings.empty());
}

TEST(RunCheck, MissingGuardsFailReplayAtTheOpCall) {
  const model::Report report = check_fixture("missing_guards");
  EXPECT_EQ(status_of(report, "upgrade"), "passed");
  EXPECT_EQ(status_of(report, "replay"), "failed");
  const auto findings = findings_of(report, "replay");
  ASSERT_EQ(findings.size(), 1u);
  const model::Finding& finding = findings.front();
  EXPECT_EQ(finding.rule, "require-if-not-exists");
  EXPECT_NE(finding.message.find("already exists"), std::string::npos) << finding.message;
  EXPECT_NE(finding.message.find(finding.location.revision), std::string::npos);
  EXPECT_FALSE(finding.location.revision.empty());
  EXPECT_NE(line_of(finding.location.file, finding.location.line).find("op."), std::string::npos)
      << finding.location.file << ":" << finding.location.line;
  EXPECT_FALSE(finding.statement.empty());
  EXPECT_NE(finding.help.find("IF NOT EXISTS"), std::string::npos) << finding.help;
  // The other statements of the revision to guard, not the one that failed again.
  EXPECT_NE(finding.help.find("fail too:\n  - CREATE INDEX ix_plates_plate_number"),
            std::string::npos)
      << finding.help;
  EXPECT_EQ(finding.help.find("  - CREATE TABLE plates"), std::string::npos) << finding.help;
}

TEST(RunCheck, TwoHeadsNameBothAndTheMergeCommand) {
  const model::Report report = check_fixture("two_heads", {"single-head"});
  EXPECT_EQ(status_of(report, "single-head"), "failed");
  const auto findings = findings_of(report, "single-head");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].message.find("2 heads"), std::string::npos) << findings[0].message;
  EXPECT_NE(findings[0].help.find("alembic merge"), std::string::npos);
  EXPECT_TRUE(report.database.dialect.empty()) << "single-head needs no database";
}

// Two unmerged heads (two branches merged in git) are single-head's finding, with the
// revision they branched from; every other check still runs, against both heads.
TEST(RunCheck, TwoHeadsAreAFindingAndTheOtherChecksRunOnBothHeads) {
  const model::Report report = check_fixture("two_heads");
  EXPECT_EQ(status_of(report, "single-head"), "failed");
  const auto findings = findings_of(report, "single-head");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].message.find("b2c3d4e5f6a7, c3d4e5f6a7b8 (branched from a1b2c3d4e5f6)"),
            std::string::npos)
      << findings[0].message;
  EXPECT_NE(findings[0].help.find("alembic merge -m \"merge heads\" b2c3d4e5f6a7 c3d4e5f6a7b8"),
            std::string::npos)
      << findings[0].help;
  for (const char* check : {"upgrade", "upgrade-twice", "replay", "up-down-consistency",
                            "downgrade-leaves-no-trace"}) {
    EXPECT_EQ(status_of(report, check), "passed") << check;
  }
  EXPECT_EQ(report.findings.size(), 1u);
}

TEST(RunCheck, SeedRowsInsertedTwiceAreReportedWithTheirRevision) {
  const model::Report report = check_fixture("seed_twice");
  EXPECT_EQ(status_of(report, "replay-preserves-data"), "failed");
  const auto findings = findings_of(report, "replay-preserves-data");
  ASSERT_FALSE(findings.empty());
  EXPECT_FALSE(findings[0].location.revision.empty()) << findings[0].message;
  EXPECT_NE(line_of(findings[0].location.file, findings[0].location.line).find("op."),
            std::string::npos);
}

// env.py bumps a counter on every run: the row count stays, the content does not.
TEST(RunCheck, EnvPyThatRewritesRowsOnEveryRunFailsUpgradeTwice) {
  const model::Report report = check_fixture("env_rewrites_rows", {"upgrade-twice"});
  EXPECT_EQ(status_of(report, "upgrade-twice"), "failed");
  const auto findings = findings_of(report, "upgrade-twice");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].message.find("rewrote the rows of table deploy_info (same 1 rows"),
            std::string::npos)
      << findings[0].message;
}

// Deleted and inserted again: the count is the same, the ids are not.
TEST(RunCheck, SeedRowsReinsertedWithNewIdsAreReportedAtTheirDelete) {
  const model::Report report = check_fixture("seed_reinserted", {"replay-preserves-data"});
  EXPECT_EQ(status_of(report, "replay-preserves-data"), "failed");
  const auto findings = findings_of(report, "replay-preserves-data");
  ASSERT_EQ(findings.size(), 1u);
  const model::Finding& finding = findings.front();
  EXPECT_EQ(finding.message,
            "revision 2b3c4d5e6f7a deletes from regions on every run: running the migrations "
            "again rewrote the rows of table regions (same 3 rows, different content)");
  EXPECT_EQ(finding.location.revision, "2b3c4d5e6f7a");
  EXPECT_NE(line_of(finding.location.file, finding.location.line).find("op.execute(\"DELETE"),
            std::string::npos)
      << finding.location.file << ":" << finding.location.line;
  EXPECT_NE(finding.statement.find("DELETE FROM regions"), std::string::npos) << finding.statement;
  EXPECT_NE(finding.help.find("ON CONFLICT DO NOTHING"), std::string::npos) << finding.help;
  EXPECT_NE(finding.help.find("new ids"), std::string::npos) << finding.help;
}

// Its look-alike done right: ON CONFLICT DO NOTHING, and an UPDATE in place.
TEST(RunCheck, RerunnableSeedAndInPlaceUpdateKeepEveryRow) {
  const model::Report report = check_fixture("seed_rerunnable", {"replay-preserves-data"});
  EXPECT_EQ(status_of(report, "replay-preserves-data"), "passed");
  EXPECT_TRUE(findings_of(report, "replay-preserves-data").empty());
  EXPECT_TRUE(report.findings.empty());
}

bool on_sqlite() { return std::string(MIGSAFE_TEST_DB) == "sqlite"; }

std::string describe(const std::vector<model::Finding>& findings) {
  std::string out;
  for (const auto& f : findings) out += f.check + " " + f.rule + ": " + f.message + "\n";
  return out;
}

// What the upgrade ran on SQLite is SQLite's SQL (here an id declared AUTOINCREMENT),
// never a syntax error for the lint check.
TEST(RunCheck, SqlSqliteRanIsNoSyntaxError) {
  if (!on_sqlite()) GTEST_SKIP() << "the statements are PostgreSQL's there";
  const model::Report report = check_fixture("seed_reinserted");
  for (const auto& finding : findings_of(report, "lint")) {
    EXPECT_NE(finding.rule, "syntax-error") << finding.message << "\n" << finding.statement;
  }
}

// AUTOINCREMENT, STRICT, WITHOUT ROWID, PRAGMA, `names` and [names], INSERT OR IGNORE,
// SQLAlchemy's reflection queries and batch_alter_table's move-and-copy, all run by
// SQLite: every check passes, and the copy's DROP TABLE and RENAME are not the user's.
TEST(RunCheck, SqliteOnlySqlPassesEveryCheck) {
  if (!on_sqlite()) GTEST_SKIP() << "the fixture's SQL is SQLite's";
  const model::Report report = check_fixture("sqlite_only_sql");
  ASSERT_FALSE(report.checks.empty());
  for (const auto& check : report.checks) {
    if (check.name == "model-matches-ddl") continue;  // the fixture has no models
    if (check.name == "expand-contract") continue;    // no --base-ref: skipped
    EXPECT_EQ(model::check_status_name(check.status), "passed") << check.name;
  }
  EXPECT_TRUE(report.findings.empty()) << describe(report.findings);
}

// The SQLite rules still read what SQLite ran, in SQLite's spelling; the ALTER COLUMN
// SQLite rejected is sqlite-unsupported-alter's, beside the upgrade's own failure.
TEST(RunCheck, SqliteRulesReadTheSqlSqliteRan) {
  if (!on_sqlite()) GTEST_SKIP() << "the fixture's SQL is SQLite's";
  const model::Report report = check_fixture("sqlite_unsafe_sql");
  EXPECT_EQ(status_of(report, "upgrade"), "failed");
  // Once, though later checks ask for the upgraded database after the walk reset it.
  EXPECT_EQ(findings_of(report, "upgrade").size(), 1u) << describe(findings_of(report, "upgrade"));
  EXPECT_EQ(status_of(report, "lint"), "failed");
  const auto findings = findings_of(report, "lint");
  std::vector<std::string> found;
  for (const auto& f : findings) found.push_back(f.rule + " " + f.location.revision);
  EXPECT_EQ(found, (std::vector<std::string>{"unbatched-backfill 9e5a4c1f5b45",
                                             "ban-drop-table b07c6e3b7d67",
                                             "sqlite-unsupported-alter af6b5d2a6c56"}))
      << describe(findings);
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[1].statement, "DROP TABLE IF EXISTS `legacy_plates`");
  const model::Finding& alter = findings[2];
  EXPECT_EQ(alter.message,
            "ALTER COLUMN state SET NOT NULL on plates: SQLite's ALTER TABLE cannot do this");
  EXPECT_NE(line_of(alter.location.file, alter.location.line).find("op.alter_column"),
            std::string::npos)
      << alter.location.file << ":" << alter.location.line;
}

// What the upgrade ran: Alembic's BEGIN/COMMIT around each revision and those of an
// autocommit_block() are its own; the revision's op.execute("COMMIT") is the one finding.
TEST(RunCheck, CommitWrittenByARevisionIsFlaggedAndAlembicsOwnAreNot) {
  if (on_sqlite()) GTEST_SKIP() << "the fixture builds an index CONCURRENTLY: PostgreSQL's";
  const model::Report report = check_fixture("commit_in_migration", {"upgrade", "lint"});
  EXPECT_EQ(status_of(report, "upgrade"), "passed");  // PostgreSQL runs it without an error
  std::vector<model::Finding> commits;
  for (const auto& finding : findings_of(report, "lint")) {
    if (finding.rule == "ban-commit-in-migration") commits.push_back(finding);
  }
  ASSERT_EQ(commits.size(), 1u) << describe(findings_of(report, "lint"));
  const model::Finding& commit = commits.front();
  EXPECT_EQ(commit.location.revision, "3333cccc0003");
  EXPECT_EQ(commit.statement, "COMMIT");
  EXPECT_NE(line_of(commit.location.file, commit.location.line).find("op.execute(\"COMMIT\")"),
            std::string::npos)
      << commit.location.file << ":" << commit.location.line;
}

TEST(RunCheck, PerRevisionReplayReportsEveryUnguardedRevision) {
  const model::Report report = check_fixture("not_idempotent_middle");
  EXPECT_EQ(status_of(report, "replay-per-revision"), "failed");
  // The first failing revision is `replay`'s finding, not repeated; the other one is
  // found only by replaying each revision on its own.
  std::multiset<std::string> revisions;
  for (const std::string check : {"replay", "replay-per-revision"}) {
    for (const auto& finding : findings_of(report, check)) {
      revisions.insert(finding.location.revision);
    }
  }
  EXPECT_EQ(revisions.size(), 2u);
  EXPECT_EQ(std::set<std::string>(revisions.begin(), revisions.end()).size(), 2u);
  EXPECT_EQ(findings_of(report, "replay-per-revision").size(), 1u);
}

TEST(RunCheck, BranchesAndMergesReplayPerEdge) {
  const model::Report report = check_fixture("branch_merge");
  for (const auto& check : report.checks) {
    if (check.name == "model-matches-ddl") continue;  // the fixture has no models
    if (check.name == "expand-contract") continue;    // no --base-ref: skipped
    EXPECT_EQ(model::check_status_name(check.status), "passed") << check.name;
  }
  EXPECT_EQ(status_of(report, "model-matches-ddl"), "skipped");
  EXPECT_EQ(status_of(report, "replay-per-revision"), "passed");
}

TEST(RunCheck, SyntaxErrorInARevisionIsAnInputErrorWithFileAndLine) {
  try {
    check_fixture("syntax_error");
    FAIL() << "expected an InputError";
  } catch (const model::InputError& error) {
    const std::string what = error.what();
    EXPECT_NE(what.find(".py"), std::string::npos) << what;
    EXPECT_NE(what.find("Traceback"), 0u) << what;
  }
}

TEST(RunCheck, EnvPyThatRaisesIsAnInputError) {
  try {
    check_fixture("env_raises");
    FAIL() << "expected an InputError";
  } catch (const model::InputError& error) {
    EXPECT_NE(std::string(error.what()).find("env.py"), std::string::npos) << error.what();
  }
}

TEST(RunCheck, MissingAlembicIniIsAnInputError) {
  EXPECT_THROW(check_fixture("no_such_project"), model::InputError);
}

TEST(RunCheck, UnknownCheckNameIsAUsageError) {
  EXPECT_THROW(check_fixture("reggie", {"replay-everything"}), model::UsageError);
}

}  // namespace
}  // namespace migsafe::analyzer::check::testing
