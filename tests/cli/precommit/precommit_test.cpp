// The pre-commit hook of .pre-commit-hooks.yaml, run by Debian's real pre-commit,
// offline, in a scratch git repository whose .pre-commit-config.yaml points at this
// source tree at its HEAD commit, with the built migsafe on PATH.
#include <gtest/gtest.h>

#include "tests/analyzer/lint/temp_project.hpp"
#include "tests/cli/run_command.hpp"

namespace migsafe::tests {
namespace {

namespace fs = std::filesystem;

class PreCommit : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists("/usr/bin/pre-commit")) GTEST_SKIP() << "Debian's pre-commit is not installed";
    const auto head = run_command("git -C " + quoted(MIGSAFE_SOURCE_DIR) + " rev-parse HEAD");
    ASSERT_EQ(head.exit_code, 0) << head.err;
    const std::string rev = head.out.substr(0, head.out.find('\n'));
    const auto hooks = run_command("git -C " + quoted(MIGSAFE_SOURCE_DIR) + " cat-file -e " + rev +
                                   ":.pre-commit-hooks.yaml");
    ASSERT_EQ(hooks.exit_code, 0) << ".pre-commit-hooks.yaml is not committed at HEAD";

    // Offline: pre-commit's cache in the temp folder, any network access to a dead port.
    env_ = "cd " + quoted(repo_.path().string()) + " && export PRE_COMMIT_HOME=" +
           quoted((repo_.path() / ".cache").string()) +
           " http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9"
           " HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9"
           " GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com"
           " GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com"
           " PATH=" + quoted(fs::path(MIGSAFE_BINARY).parent_path().string()) + ":\"$PATH\" && ";
    repo_.write(".gitignore", ".cache/\n");
    repo_.write(".pre-commit-config.yaml", "repos:\n  - repo: " + std::string(MIGSAFE_SOURCE_DIR) +
                                               "\n    rev: " + rev + "\n    hooks:\n      - id: migsafe\n");
    repo_.write_revision("a1", "", "    op.execute('CREATE TABLE IF NOT EXISTS plates (id bigint PRIMARY KEY)')\n");
    const auto init = sh("git init -q . && git add -A && git commit -q -m base --no-verify && "
                         "/usr/bin/pre-commit install");
    ASSERT_EQ(init.exit_code, 0) << init.out << init.err;
  }

  CommandResult sh(const std::string& command) { return run_command(env_ + command); }
  CommandResult commit(const std::string& message) {
    return sh("git add -A && git commit -q -m " + quoted(message));
  }

  TempProject repo_;
  std::string env_;
};

TEST_F(PreCommit, SafeRevisionPassesUnguardedOneIsRejectedReviewedOnePasses) {
  repo_.write_revision("b2", "a1",
                       "    op.execute('CREATE TABLE IF NOT EXISTS owners (id bigint PRIMARY KEY)')\n");
  const auto safe = commit("safe revision");
  EXPECT_EQ(safe.exit_code, 0) << safe.out << safe.err;

  repo_.write_revision("c3", "b2", "    op.execute('CREATE TABLE cars (id bigint PRIMARY KEY)')\n");
  const auto rejected = commit("unguarded revision");
  EXPECT_NE(rejected.exit_code, 0) << rejected.out << rejected.err;
  const std::string output = rejected.out + rejected.err;
  EXPECT_NE(output.find("error[require-if-not-exists]"), std::string::npos) << output;
  EXPECT_NE(output.find("c3_rev.py:10:5"), std::string::npos) << output;

  repo_.write_revision("c3", "b2", "    op.execute('CREATE TABLE cars (id bigint PRIMARY KEY)')  # migsafe:ignore require-if-not-exists\n");
  const auto reviewed = commit("reviewed revision");
  EXPECT_EQ(reviewed.exit_code, 0) << reviewed.out << reviewed.err;
}

// A data migration reads rows through op.get_bind(), which Alembic's offline mode cannot
// render. It is one warning; the hook still rejects an unsafe revision committed with it
// and lets a safe one through.
TEST_F(PreCommit, ADataMigrationDoesNotStopTheHook) {
  repo_.write_revision("b2", "a1",
                       "    rows = op.get_bind().execute(sa.text('SELECT id FROM plates')).fetchall()\n"
                       "    for row in rows:\n"
                       "        op.execute(sa.text('UPDATE plates SET id = id WHERE id = %d' % row[0]))\n");
  repo_.write_revision("c3", "b2", "    op.execute('CREATE TABLE cars (id bigint PRIMARY KEY)')\n");
  const auto rejected = commit("data migration and an unguarded revision");
  const std::string output = rejected.out + rejected.err;
  EXPECT_EQ(rejected.exit_code, 1) << output;
  EXPECT_NE(output.find("warning[unrendered-revision]"), std::string::npos) << output;
  EXPECT_NE(output.find("b2_rev.py:10"), std::string::npos) << output;
  EXPECT_NE(output.find("error[require-if-not-exists]"), std::string::npos) << output;
  EXPECT_NE(output.find("c3_rev.py:10:5"), std::string::npos) << output;

  repo_.write_revision("c3", "b2",
                       "    op.execute('CREATE TABLE IF NOT EXISTS cars (id bigint PRIMARY KEY)')\n");
  const auto safe = commit("data migration and a safe revision");
  EXPECT_EQ(safe.exit_code, 0) << safe.out << safe.err;
}

// The hook runs expand-contract's static part: a staged revision that drops a column the
// working tree's models still map is rejected; dropping it once the models no longer map
// it (the contract step) passes, with no ban-drop-column either.
TEST_F(PreCommit, ADropOfWhatTheModelsStillMapIsRejected) {
  repo_.write("migrations/env.py",
              "import importlib.util, os\n"
              "from alembic import context\n"
              "_spec = importlib.util.spec_from_file_location(\n"
              "    'precommit_models', os.path.join(os.path.dirname(__file__), '..', 'models.py'))\n"
              "_models = importlib.util.module_from_spec(_spec)\n"
              "_spec.loader.exec_module(_models)\n"
              "context.configure(url=context.config.get_main_option('sqlalchemy.url'),\n"
              "                  target_metadata=_models.metadata, literal_binds=True)\n"
              "with context.begin_transaction():\n"
              "    context.run_migrations()\n");
  const std::string mapped =
      "import sqlalchemy as sa\n"
      "metadata = sa.MetaData()\n"
      "plates = sa.Table('plates', metadata, sa.Column('id', sa.BigInteger, primary_key=True)%s)\n";
  auto models = [&](const std::string& columns) {
    std::string text = mapped;
    text.replace(text.find("%s"), 2, columns);
    repo_.write("models.py", text);
  };
  models(", sa.Column('note', sa.Text)");
  repo_.write_revision("b2", "a1", "    op.execute('ALTER TABLE plates ADD COLUMN IF NOT EXISTS note text')\n");
  const auto expand = commit("the expand step");
  ASSERT_EQ(expand.exit_code, 0) << expand.out << expand.err;

  repo_.write_revision("c3", "b2", "    op.execute('ALTER TABLE plates DROP COLUMN IF EXISTS note')\n");
  const auto rejected = commit("drop a mapped column");
  const std::string output = rejected.out + rejected.err;
  EXPECT_EQ(rejected.exit_code, 1) << output;
  EXPECT_NE(output.find("error[expand-contract]"), std::string::npos) << output;
  EXPECT_NE(output.find("plates.note"), std::string::npos) << output;

  models("");
  const auto contract = commit("the contract step");
  EXPECT_EQ(contract.exit_code, 0) << contract.out << contract.err;
}

}  // namespace
}  // namespace migsafe::tests
