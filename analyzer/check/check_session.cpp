#include "analyzer/check/check_session.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "analyzer/check/guard_advice.hpp"
#include "analyzer/diff/compare.hpp"
#include "dbdrivers/reflect.hpp"
#include "dbdrivers/reset_database.hpp"
#include "dbdrivers/row_counts.hpp"

namespace migsafe::analyzer::check {

CheckSession::CheckSession(const CheckRequest& request, alembic::Project& project,
                           dbdrivers::ScratchDatabase* database)
    : request_(request), project_(project), database_(database) {}

dbdrivers::ScratchDatabase& CheckSession::database() {
  if (!database_) throw model::Error("internal: this check needs a database and none was made");
  return *database_;
}

const std::vector<alembic::Revision>& CheckSession::revisions() {
  if (!revisions_) revisions_ = project_.revisions();
  return *revisions_;
}

const alembic::Revision* CheckSession::find_revision(const std::string& id) {
  const auto& all = revisions();
  auto it = std::find_if(all.begin(), all.end(), [&](const auto& r) { return r.id == id; });
  return it == all.end() ? nullptr : &*it;
}

void CheckSession::add(model::Finding finding) { findings_.push_back(std::move(finding)); }

bool CheckSession::ensure_upgraded() {
  if (upgraded_) return *upgraded_;
  try {
    project_.upgrade("heads");  // several heads are single-head's finding, not an error
    upgraded_ = true;
  } catch (const alembic::MigrationError& error) {
    add(migration_failure("upgrade", error, "upgrade head fails on an empty database"));
    upgraded_ = false;
  }
  if (*upgraded_) run_seed();
  return *upgraded_;
}

void CheckSession::run_seed() {
  const std::string& seed = request_.seed;
  if (seed.empty()) return;
  const bool is_function = seed.find(':') != std::string::npos &&
                           seed.find(' ') == std::string::npos &&
                           seed.find('/') == std::string::npos;
  if (is_function) {
    project_.run_seed(seed);
    return;
  }
  // A seed command reads the scratch URL from the same variable env.py does.
  const std::string url = database().url().to_string();
  ::setenv(request_.url_env_var.c_str(), url.c_str(), 1);
  const int status = std::system(seed.c_str());
  ::unsetenv(request_.url_env_var.c_str());
  if (status != 0) {
    throw model::InputError(
        "the seed command '" + seed + "' failed (exit status " + std::to_string(status) + ")",
        "run it by hand against a migrated database, or fix `seed` in the "
        "[tool.migsafe] config");
  }
}

bool CheckSession::ensure_replayed() {
  if (replayed_) return *replayed_;
  if (!ensure_upgraded()) {
    replayed_ = false;
    return false;
  }
  rows_before_replay_ = dbdrivers::count_rows(database().url());
  schema_before_replay_ = reflect();
  try {
    project_.stamp("base");
    project_.upgrade("heads");  // several heads are single-head's finding, not an error
    replayed_ = true;
  } catch (const alembic::MigrationError& error) {
    add(migration_failure("replay", error, "fails when run again"));
    replayed_ = false;
    dirty_ = true;
  }
  if (*replayed_) {
    rows_after_replay_ = dbdrivers::count_rows(database().url());
    schema_after_replay_ = reflect();
  }
  return *replayed_;
}

model::Schema CheckSession::reflect() {
  dbdrivers::ReflectOptions options;
  options.exclude_tables = {version_table()};
  return dbdrivers::reflect(database().url(), options);
}

const std::string& CheckSession::version_table() const {
  if (!version_table_) {
    try {
      version_table_ = project_.settings().version_table;
    } catch (const model::InputError&) {
      // env.py cannot run offline: the checks that need it say so; Alembic's default
      // is the best guess for the others.
      version_table_ = "alembic_version";
    }
  }
  return *version_table_;
}

void CheckSession::bring_to_exactly(const std::vector<std::string>& revisions) {
  const std::vector<std::string> now = project_.current();
  if (!dirty_ && std::set<std::string>(now.begin(), now.end()) ==
                     std::set<std::string>(revisions.begin(), revisions.end())) {
    return;
  }
  reset_database();
  dirty_ = true;  // until every upgrade below went through
  for (const std::string& revision : revisions) project_.upgrade(revision);
  dirty_ = false;
}

std::vector<model::Finding> CheckSession::compare(const model::Schema& expected,
                                                  const model::Schema& actual,
                                                  const std::string& check,
                                                  const std::string& expected_label,
                                                  const std::string& actual_label) const {
  diff::DiffOptions options;
  options.dialect = database_->dialect();
  options.expected_label = expected_label;
  options.actual_label = actual_label;
  options.ignore_tables = {version_table()};
  return diff::to_findings(diff::compare_schemas(expected, actual, options), check, options);
}

void CheckSession::reset_database() {
  dbdrivers::reset_database(database().url());
  upgraded_.reset();
  replayed_.reset();
}

model::Finding CheckSession::migration_failure(const std::string& check,
                                               const alembic::MigrationError& error,
                                               const std::string& message_prefix) const {
  model::Finding finding;
  finding.check = check;
  finding.rule = check;
  finding.location.file = error.file;
  finding.location.line = error.line;
  finding.location.column = error.column;
  finding.location.revision = error.revision;
  finding.statement = error.statement;
  const std::string cause = error.database_error.empty() ? error.what() : error.database_error;
  finding.message = (error.revision.empty() ? "a revision" : "revision " + error.revision) + " " +
                    message_prefix + ": " + cause;
  if (check == "replay" || check == "replay-per-revision") {
    finding.rule = "require-if-not-exists";
    finding.help = guard_advice(error.statement);
  } else {
    finding.help =
        "run `alembic upgrade head` on an empty database to see the failure, and fix "
        "the revision so it runs from scratch";
  }
  return finding;
}

}  // namespace migsafe::analyzer::check
