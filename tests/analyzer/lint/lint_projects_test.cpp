// Alembic inputs: projects, single migration files and `# migsafe:ignore` comments,
// through the embedded interpreter.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

#include "analyzer/lint/lint_paths.hpp"
#include "model/error.hpp"
#include "tests/analyzer/lint/temp_project.hpp"

namespace migsafe::analyzer::lint {
namespace {

namespace fs = std::filesystem;

const fs::path fixtures = fs::path(MIGSAFE_SOURCE_DIR) / "fixtures" / "alembic";

std::vector<model::Finding> with_rule(const LintResult& result, const std::string& rule) {
  std::vector<model::Finding> out;
  std::copy_if(result.findings.begin(), result.findings.end(), std::back_inserter(out),
               [&](const model::Finding& f) { return f.rule == rule; });
  return out;
}

std::string line_of(const fs::path& file, int line) {
  std::ifstream in(file);
  std::string text;
  for (int i = 0; i < line && std::getline(in, text); ++i) {
  }
  return text;
}

std::string describe(const LintResult& result) {
  std::string out;
  for (const auto& f : result.findings) {
    out += f.rule + " " + f.location.file + ":" + std::to_string(f.location.line) + " " + f.message + "\n";
  }
  return out;
}

TEST(LintProjects, ReggieIsLintClean) {
  const auto result = lint_paths({fixtures / "reggie"}, Settings{});
  EXPECT_GE(result.units, 6);
  EXPECT_TRUE(result.findings.empty()) << describe(result);
}

TEST(LintProjects, ReggieAsPostgresqlIsLintCleanToo) {
  Settings settings;
  settings.dialect = rules::Dialect::postgresql;
  const auto result = lint_paths({fixtures / "reggie"}, settings);
  EXPECT_TRUE(result.findings.empty()) << describe(result);
}

TEST(LintProjects, MissingGuardsPointAtTheOpExecuteLine) {
  if (!fs::exists(fixtures / "missing_guards")) GTEST_SKIP() << "fixture not written yet";
  const auto result = lint_paths({fixtures / "missing_guards"}, Settings{});
  const auto found = with_rule(result, "require-if-not-exists");
  ASSERT_FALSE(found.empty()) << describe(result);
  for (const auto& finding : found) {
    ASSERT_GT(finding.location.line, 0);
    EXPECT_NE(finding.location.file.find("versions"), std::string::npos) << finding.location.file;
    EXPECT_FALSE(finding.location.revision.empty());
    fs::path file = finding.location.file;
    if (file.is_relative()) file = fs::current_path() / file;
    EXPECT_NE(line_of(file, finding.location.line).find("op.execute"), std::string::npos)
        << finding.location.file << ":" << finding.location.line;
  }
}

// Offline: the revision's op.execute("COMMIT") is flagged; Alembic's BEGIN/COMMIT per
// revision and the autocommit_block()'s are not.
TEST(LintProjects, CommitWrittenByARevisionIsFlaggedAndAlembicsOwnAreNot) {
  Settings settings;
  settings.dialect = rules::Dialect::postgresql;
  const auto result = lint_paths({fixtures / "commit_in_migration"}, settings);
  const auto found = with_rule(result, "ban-commit-in-migration");
  ASSERT_EQ(found.size(), 1u) << describe(result);
  EXPECT_EQ(found[0].location.revision, "3333cccc0003");
  fs::path file = found[0].location.file;
  if (file.is_relative()) file = fs::current_path() / file;
  EXPECT_NE(line_of(file, found[0].location.line).find("op.execute(\"COMMIT\")"),
            std::string::npos)
      << found[0].location.file << ":" << found[0].location.line;
}

TEST(LintProjects, AMigrationFileIsLintedAsItsRevisionOnly) {
  tests::TempProject project;
  project.write_revision("a1", "", "    op.execute('TRUNCATE plates')\n");
  const auto second = project.write_revision("b2", "a1", "    op.execute('TRUNCATE cars')\n");
  const auto whole = lint_paths({project.path()}, Settings{});
  EXPECT_EQ(whole.units, 2);
  EXPECT_EQ(with_rule(whole, "ban-truncate").size(), 2u) << describe(whole);

  const auto one = lint_paths({second}, Settings{});
  EXPECT_EQ(one.units, 1);
  const auto found = with_rule(one, "ban-truncate");
  ASSERT_EQ(found.size(), 1u) << describe(one);
  EXPECT_EQ(found[0].location.line, 10);
  EXPECT_EQ(found[0].location.column, 5);
  EXPECT_EQ(found[0].location.revision, "b2");
  EXPECT_NE(found[0].message.find("cars"), std::string::npos) << found[0].message;
}

TEST(LintProjects, NonRevisionPythonFilesAreSkippedWithANote) {
  tests::TempProject project;
  project.write_revision("a1", "", "    op.execute('SELECT 1')\n");
  const auto helper = project.write("app/models.py", "X = 1\n");
  const auto result = lint_paths({helper}, Settings{});
  EXPECT_EQ(result.units, 0);
  ASSERT_EQ(result.notes.size(), 1u);
  EXPECT_NE(result.notes[0].find("not a revision"), std::string::npos);
}

TEST(LintProjects, PythonIgnoreCommentsUsedUnusedAndUnknown) {
  tests::TempProject project;
  const auto file = project.write_revision(
      "a1", "",
      "    op.execute('TRUNCATE plates')  # migsafe:ignore ban-truncate\n"   // line 10: used
      "    # migsafe:ignore ban-truncate\n"                                    // line 11: covers 12
      "    op.execute('TRUNCATE cars')\n"                                      // line 12
      "    op.execute('TRUNCATE owners')\n"                                    // line 13: reported
      "    op.execute('SELECT 1')  # migsafe:ignore ban-drop-column\n"       // line 14: unused
      "    op.execute('SELECT 2')  # migsafe:ignore no-such-rule\n");         // line 15: unknown
  const auto result = lint_paths({file}, Settings{});
  const auto truncates = with_rule(result, "ban-truncate");
  ASSERT_EQ(truncates.size(), 1u) << describe(result);
  EXPECT_EQ(truncates[0].location.line, 13);
  const auto unused = with_rule(result, "unused-ignore");
  ASSERT_EQ(unused.size(), 1u) << describe(result);
  EXPECT_EQ(unused[0].location.line, 14);
  EXPECT_EQ(unused[0].severity, model::Severity::warning);
  const auto unknown = with_rule(result, "unknown-rule");
  ASSERT_EQ(unknown.size(), 1u) << describe(result);
  EXPECT_EQ(unknown[0].location.line, 15);
  EXPECT_NE(unknown[0].message.find("no-such-rule"), std::string::npos);
}

// A data migration that reads rows through op.get_bind() cannot render offline: one
// warning at the line that raised, and every other revision is still linted, the ones
// after it included.
TEST(LintProjects, ARevisionThatNeedsTheDatabaseIsOneWarningAndTheRestIsLinted) {
  tests::TempProject project;
  project.write_revision("a1", "", "    op.execute('TRUNCATE plates')\n");
  project.write_revision(
      "b2", "a1",
      "    op.execute('TRUNCATE before_the_read')\n"                                   // 10
      "    rows = op.get_bind().execute(sa.text('SELECT id FROM plates')).fetchall()\n"  // 11
      "    for row in rows:\n"
      "        op.execute('DELETE FROM plates WHERE id = %d' % row[0])\n");
  project.write_revision("c3", "b2", "    op.execute('TRUNCATE cars')\n");
  const auto result = lint_paths({project.path()}, Settings{});
  const auto unrendered = with_rule(result, "unrendered-revision");
  ASSERT_EQ(unrendered.size(), 1u) << describe(result);
  EXPECT_EQ(unrendered[0].severity, model::Severity::warning);
  EXPECT_EQ(unrendered[0].location.revision, "b2");
  EXPECT_EQ(unrendered[0].location.line, 11);
  EXPECT_NE(unrendered[0].message.find("AttributeError"), std::string::npos)
      << unrendered[0].message;
  EXPECT_NE(unrendered[0].help.find("migsafe check"), std::string::npos);
  // a1 and c3 are linted; b2's statement before the read is not reported as if it were
  // all b2 runs.
  std::set<std::string> truncated;
  for (const auto& f : with_rule(result, "ban-truncate")) truncated.insert(f.location.revision);
  EXPECT_EQ(truncated, (std::set<std::string>{"a1", "c3"})) << describe(result);

  // The warning is silenced like any finding.
  project.write_revision(
      "b2", "a1",
      "    op.execute('TRUNCATE before_the_read')\n"
      "    rows = op.get_bind().execute(sa.text('SELECT 1')).fetchall()  "
      "# migsafe:ignore unrendered-revision\n");
  const auto silenced = lint_paths({project.path()}, Settings{});
  EXPECT_TRUE(with_rule(silenced, "unrendered-revision").empty()) << describe(silenced);
  EXPECT_TRUE(with_rule(silenced, "unused-ignore").empty()) << describe(silenced);
}

// Alembic runs a batch block's operations when the `with` block ends; each finding still
// points at its batch_op.* line, and an ignore there silences it.
TEST(LintProjects, BatchOperationsPointAtTheirOwnLine) {
  tests::TempProject project;
  project.write_revision(
      "a1", "",
      "    with op.batch_alter_table('plates') as batch_op:\n"                          // 10
      "        batch_op.add_column(sa.Column('state', sa.Text()))\n"                     // 11
      "        batch_op.drop_column('legacy')  # migsafe:ignore ban-drop-column\n"       // 12
      "        batch_op.create_index('ix_plates_state', ['state'])\n");                  // 13
  const auto result = lint_paths({project.path()}, Settings{});
  std::map<std::string, std::set<int>> lines;
  for (const auto& f : result.findings) lines[f.rule].insert(f.location.line);
  EXPECT_EQ(lines["require-if-not-exists"], (std::set<int>{11, 12, 13})) << describe(result);
  EXPECT_EQ(lines["require-concurrent-index-creation"], (std::set<int>{13})) << describe(result);
  EXPECT_TRUE(lines["ban-drop-column"].empty()) << describe(result);
  EXPECT_TRUE(lines["unused-ignore"].empty()) << describe(result);
}

TEST(LintProjects, IgnoreFileCoversTheWholeRevision) {
  tests::TempProject project;
  const auto file = project.write_revision("a1", "",
                                           "    op.execute('TRUNCATE plates')\n"
                                           "    op.execute('TRUNCATE cars')\n",
                                           "# migsafe:ignore-file ban-truncate\n");
  const auto result = lint_paths({file}, Settings{});
  EXPECT_TRUE(with_rule(result, "ban-truncate").empty()) << describe(result);
  EXPECT_TRUE(with_rule(result, "unused-ignore").empty()) << describe(result);
}

TEST(LintProjects, SqliteProjectsGetTheSqliteRules) {
  tests::TempProject project("sqlite:///app.db");
  project.write_revision("a1", "", "    op.execute('CREATE TABLE IF NOT EXISTS plates (id INTEGER PRIMARY KEY, n TEXT)')\n");
  const auto file = project.write_revision("b2", "a1", "    op.alter_column('plates', 'n', nullable=False)\n");
  const auto result = lint_paths({file}, Settings{});
  EXPECT_FALSE(with_rule(result, "sqlite-unsupported-alter").empty()) << describe(result);
}

// A SQLite project's offline SQL is SQLite's: read through its respelling, never a
// syntax error. batch_alter_table's move-and-copy (rendered offline from copy_from) is
// left out, so plates is still a table the revision did not create: the backfill into
// it after the batch is reported, and there is no DROP TABLE or rename of the user's.
TEST(LintProjects, SqliteProjectsAreLintedAsSqliteSql) {
  tests::TempProject project("sqlite:///app.db");
  project.write_revision(
      "a1", "",
      "    op.execute('CREATE TABLE IF NOT EXISTS plates "
      "(id INTEGER PRIMARY KEY AUTOINCREMENT, n TEXT) STRICT')\n"
      "    op.execute('PRAGMA foreign_keys = ON')\n");
  project.write_revision(
      "b2", "a1",
      "    plates = sa.Table('plates', sa.MetaData(), sa.Column('id', sa.Integer, "
      "primary_key=True), sa.Column('n', sa.Text))\n"                                  // 10
      "    with op.batch_alter_table('plates', copy_from=plates) as batch_op:\n"       // 11
      "        batch_op.alter_column('n', existing_type=sa.Text(), nullable=False)\n"  // 12
      "    op.execute('INSERT OR IGNORE INTO `plates` (n) SELECT n FROM [legacy_plates]')\n");
  const auto result = lint_paths({project.path()}, Settings{});
  EXPECT_TRUE(with_rule(result, "syntax-error").empty()) << describe(result);
  EXPECT_TRUE(with_rule(result, "ban-drop-table").empty()) << describe(result);
  EXPECT_TRUE(with_rule(result, "renaming-table").empty()) << describe(result);
  const auto backfill = with_rule(result, "unbatched-backfill");
  ASSERT_EQ(backfill.size(), 1u) << describe(result);
  EXPECT_EQ(backfill[0].location.revision, "b2");
  EXPECT_EQ(backfill[0].location.line, 13);
}

TEST(LintProjects, SinceKeepsLaterRevisionsOnly) {
  tests::TempProject project;
  project.write_revision("a1", "", "    op.execute('TRUNCATE plates')\n");
  project.write_revision("b2", "a1", "    op.execute('TRUNCATE cars')\n");
  Settings settings;
  settings.since = "a1";
  const auto result = lint_paths({project.path()}, settings);
  EXPECT_EQ(result.units, 1);
  ASSERT_EQ(with_rule(result, "ban-truncate").size(), 1u);
  EXPECT_EQ(with_rule(result, "ban-truncate")[0].location.revision, "b2");
}

TEST(LintProjects, BaseRefKeepsRevisionsChangedSinceTheRef) {
  tests::TempProject project;
  project.write_revision("a1", "", "    op.execute('TRUNCATE plates')\n");
  const std::string git = "cd '" + project.path().string() +
                          "' && git -c init.defaultBranch=main init -q . && git add -A && "
                          "git -c user.name=t -c user.email=t@example.com commit -q -m base";
  ASSERT_EQ(std::system(git.c_str()), 0);
  project.write_revision("b2", "a1", "    op.execute('TRUNCATE cars')\n");
  Settings settings;
  settings.base_ref = "HEAD";
  const auto result = lint_paths({project.path()}, settings);
  EXPECT_EQ(result.units, 1);
  ASSERT_EQ(with_rule(result, "ban-truncate").size(), 1u) << describe(result);
  EXPECT_EQ(with_rule(result, "ban-truncate")[0].location.revision, "b2");
  settings.base_ref = "no-such-ref";
  EXPECT_THROW(lint_paths({project.path()}, settings), model::InputError);
}

}  // namespace
}  // namespace migsafe::analyzer::lint
