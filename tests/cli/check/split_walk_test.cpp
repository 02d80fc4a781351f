// check's chain walk split across two processes (analyzer/check/second_walk.hpp) finds
// exactly what one process finds: replays that fail, downgrades that leave a column or
// an index behind or raise, on both sides of the split; and when the second process
// fails, the first walks its revisions itself. MIGSAFE_WALK_PROCESSES=2 splits this short
// history (unset, only histories of 40 revisions or more are split).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "tests/cli/check/child_process.hpp"

namespace migsafe::testing {
namespace {

namespace fs = std::filesystem;

constexpr int revision_count = 12;  // split at 12 * 2 / 5: revisions 0-3 here, 4-11 there

std::string revision_id(int n) {
  std::string digits = std::to_string(n);
  return "a0000000" + std::string(4 - digits.size(), '0') + digits;
}

// Revision n creates table t_n (guarded: it replays cleanly) and writes which process
// ran it to $SPLIT_WALK_LOG. Planted: 2 adds a column to t_0 that its downgrade leaves
// and its replay trips over; 7 does the same with an index; 9's downgrade raises.
std::string revision_file(int n) {
  const std::string table = "t_" + std::to_string(n);
  std::string upgrade =
      "    with open(os.environ['SPLIT_WALK_LOG'], 'a') as log:\n"
      "        log.write(f'{os.getpid()} " + revision_id(n) + "\\n')\n"
      "    op.execute('CREATE TABLE IF NOT EXISTS " + table +
      " (id INTEGER PRIMARY KEY, name VARCHAR(20))')\n";
  std::string downgrade = "    op.execute('DROP TABLE " + table + "')\n";
  if (n == 2) upgrade += "    op.execute('ALTER TABLE t_0 ADD COLUMN extra_2 INTEGER')\n";
  if (n == 7) upgrade += "    op.execute('CREATE INDEX ix_t_0_name ON t_0 (name)')\n";
  if (n == 9) downgrade = "    op.execute('DROP TABLE no_such_table')\n";
  const std::string down = n == 0 ? "None" : "'" + revision_id(n - 1) + "'";
  return "import os\n\nfrom alembic import op\n\nrevision = '" + revision_id(n) +
         "'\ndown_revision = " + down +
         "\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n" + upgrade +
         "\n\ndef downgrade():\n" + downgrade;
}

class SplitWalkProject {
 public:
  SplitWalkProject() {
    folder_ = fs::temp_directory_path() / ("migsafe_split_walk_" + std::to_string(::getpid()));
    fs::remove_all(folder_);
    fs::create_directories(folder_ / "migrations/versions");
    std::ofstream(folder_ / "alembic.ini")
        << "[alembic]\nscript_location = migrations\nsqlalchemy.url = sqlite:///split.db\n";
    // Set SPLIT_WALK_CHILD_FAILS and the second process cannot start its env.py.
    std::ofstream(folder_ / "migrations/env.py")
        << "import os\n"
           "from alembic import context\n"
           "from sqlalchemy import engine_from_config, pool\n"
           "\n"
           "if os.environ.get('SPLIT_WALK_CHILD_FAILS') and "
           "os.environ.get('MIGSAFE_WALK_DATABASE_URL'):\n"
           "    raise RuntimeError('this env.py refuses the second walk process')\n"
           "config = context.config\n"
           "if context.is_offline_mode():\n"
           "    context.configure(url=config.get_main_option('sqlalchemy.url'), "
           "literal_binds=True)\n"
           "    with context.begin_transaction():\n"
           "        context.run_migrations()\n"
           "else:\n"
           "    engine = engine_from_config(config.get_section(config.config_ini_section), "
           "prefix='sqlalchemy.', poolclass=pool.NullPool)\n"
           "    with engine.connect() as connection:\n"
           "        context.configure(connection=connection, transaction_per_migration=True)\n"
           "        with context.begin_transaction():\n"
           "            context.run_migrations()\n";
    for (int n = 0; n < revision_count; ++n) {
      std::ofstream(folder_ / "migrations/versions" / (revision_id(n) + ".py")) << revision_file(n);
    }
  }
  ~SplitWalkProject() {
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }

  fs::path folder() const { return folder_; }
  fs::path log() const { return folder_ / "ran.log"; }

 private:
  fs::path folder_;
};

struct Outcome {
  int exit_code = 0;
  std::string err;
  // (check, revision, message) of every finding, and each check's status.
  std::set<std::tuple<std::string, std::string, std::string>> findings;
  std::map<std::string, std::string> statuses;
  std::set<std::string> processes;  // the pids that ran a revision's upgrade()
};

Outcome check(const SplitWalkProject& project, const std::string& processes,
              bool child_fails = false) {
  fs::remove(project.log());
  std::vector<std::string> argv = {"/usr/bin/env", "SPLIT_WALK_LOG=" + project.log().string(),
                                   "MIGSAFE_WALK_PROCESSES=" + processes};
  if (child_fails) argv.push_back("SPLIT_WALK_CHILD_FAILS=1");
  argv.insert(argv.end(), {MIGSAFE_BINARY, "check", project.folder().string(), "--format", "json"});
  if (std::string(MIGSAFE_CHECK_DB) == "postgres") argv.insert(argv.end(), {"--db", "postgres"});
  const RunResult result = run(argv);
  Outcome outcome;
  outcome.exit_code = result.exit_code;
  outcome.err = result.err;
  const auto json = nlohmann::json::parse(result.out);
  for (const auto& finding : json["findings"]) {
    outcome.findings.emplace(finding["check"].get<std::string>(),
                             finding["location"].value("revision", ""),
                             finding["message"].get<std::string>());
  }
  for (const auto& c : json["checks"]) outcome.statuses[c["name"]] = c["status"];
  std::ifstream log(project.log());
  std::string pid;
  std::string revision;
  while (log >> pid >> revision) outcome.processes.insert(pid);
  return outcome;
}

std::set<std::string> revisions_with(const Outcome& outcome, const std::string& check) {
  std::set<std::string> revisions;
  for (const auto& [name, revision, message] : outcome.findings) {
    if (name == check) revisions.insert(revision);
  }
  return revisions;
}

TEST(SplitWalk, TwoProcessesFindExactlyWhatOneFinds) {
  const SplitWalkProject project;
  const Outcome one = check(project, "1");
  const Outcome two = check(project, "2");
  ASSERT_EQ(one.exit_code, 1) << one.err;
  EXPECT_EQ(one.processes.size(), 1u);
  EXPECT_EQ(two.processes.size(), 2u) << "the walk was not split";
  const std::set<std::string> downgrades = {revision_id(2), revision_id(7), revision_id(9)};
  EXPECT_EQ(revisions_with(one, "downgrade-leaves-no-trace"), downgrades);
  // 2's replay failure is the whole-chain replay's finding (one finding for one cause).
  EXPECT_EQ(revisions_with(one, "replay"), std::set<std::string>{revision_id(2)});
  EXPECT_EQ(revisions_with(one, "replay-per-revision"), std::set<std::string>{revision_id(7)});
  EXPECT_EQ(two.exit_code, one.exit_code) << two.err;
  EXPECT_EQ(two.findings, one.findings);
  EXPECT_EQ(two.statuses, one.statuses);
}

TEST(SplitWalk, WhenTheSecondProcessFailsItsRevisionsAreWalkedHere) {
  const SplitWalkProject project;
  const Outcome one = check(project, "1");
  const Outcome fallback = check(project, "2", /*child_fails=*/true);
  EXPECT_NE(fallback.err.find("the second walk process failed"), std::string::npos)
      << fallback.err;
  EXPECT_NE(fallback.err.find("refuses the second walk process"), std::string::npos)
      << fallback.err;
  EXPECT_EQ(fallback.processes.size(), 1u);
  EXPECT_EQ(fallback.exit_code, one.exit_code) << fallback.err;
  EXPECT_EQ(fallback.findings, one.findings);
  EXPECT_EQ(fallback.statuses, one.statuses);
}

// walk-part is internal, but anyone can type it: it migrates only a scratch database.
TEST(SplitWalk, WalkPartRefusesADatabaseMigsafeDidNotMake) {
  const SplitWalkProject project;
  const fs::path users = project.folder() / "users.db";
  std::ofstream(users) << "";
  const RunResult result =
      run({"/usr/bin/env", "MIGSAFE_WALK_DATABASE_URL=sqlite:///" + users.string(),
           "SPLIT_WALK_LOG=" + project.log().string(), MIGSAFE_BINARY, "walk-part",
           project.folder().string(), "--first", "1", "--downgrade", "--output",
           (project.folder() / "part.json").string()});
  EXPECT_EQ(result.exit_code, 2) << result.err << result.out;
  EXPECT_NE((result.err + result.out).find("only on a scratch database migsafe made"),
            std::string::npos)
      << result.err << result.out;
  EXPECT_EQ(fs::file_size(users), 0u);
  EXPECT_FALSE(fs::exists(project.log())) << "a revision ran";
}

}  // namespace
}  // namespace migsafe::testing
