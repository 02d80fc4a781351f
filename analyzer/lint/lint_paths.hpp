#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/alembic/project.hpp"
#include "analyzer/lint/settings.hpp"
#include "model/dialect.hpp"
#include "model/finding.hpp"
#include "rules/lint.hpp"

namespace migsafe::analyzer::lint {

struct LintResult {
  std::vector<model::Finding> findings;  // file paths relative to the current folder when under it
  std::vector<std::string> notes;        // for stderr: paths skipped and why
  int units = 0;                         // .sql files and revisions linted
};

// Lints what `migsafe lint PATH...` names. A PATH is a .sql file (one unit, findings at
// their line:column); a migration .py file (its revision, found through the nearest
// alembic.ini above it whose scripts hold it); an Alembic project (a folder with
// alembic.ini, or the .ini: every revision, one unit each); or a folder without
// alembic.ini (every .sql file below it). `# migsafe:ignore` comments in revision files
// are applied with the SQL ones.
// Throws model::InputError for a path that does not exist or cannot be linted, and
// whatever analyzer::alembic throws for a project that does not load.
LintResult lint_paths(const std::vector<std::filesystem::path>& paths, const Settings& settings);

// What the migrations really ran on a database (alembic::Project::take_recorded()).
struct RanStatements {
  std::vector<alembic::EmittedStatement> statements;
  model::Dialect dialect = model::Dialect::postgresql;  // the database they ran on
};

// Every revision of a project already open (the check session's), linted as
// lint_paths lints the project's folder. The project's URL is left as it is.
// With `ran`, a revision that ran is linted from the statements it ran, on that
// database's dialect and as SQL the database took (rules::SqlSource::executed: never a
// syntax error; on SQLite only the SQLite rules read it, and Alembic's batch
// move-and-copy is passed over, see batch_copy.hpp); the others (not reached) from their
// offline SQL.
LintResult lint_project(alembic::Project& project, const Settings& settings,
                        const RanStatements* ran = nullptr);

// The same lint in two steps, so a command can report findings as they are made instead
// of holding them all. The constructor resolves the paths and does everything that
// fails on bad input (the errors lint_paths throws); run() lints and hands each finding
// to `sink` in lint_paths' order, with the same paths and repeats dropped.
class LintRun {
 public:
  LintRun(const std::vector<std::filesystem::path>& paths, const Settings& settings);
  LintRun(alembic::Project& project, const Settings& settings, const RanStatements* ran = nullptr);
  ~LintRun();

  const std::vector<std::string>& notes() const;  // for stderr: paths skipped and why
  int run(const rules::FindingSink& sink);        // returns the units linted

 private:
  class Linter;
  std::unique_ptr<Linter> linter_;
};

}  // namespace migsafe::analyzer::lint
