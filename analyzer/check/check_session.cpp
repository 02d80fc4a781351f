#include "analyzer/check/check_session.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "analyzer/alembic/model_schema.hpp"
#include "analyzer/check/checks.hpp"
#include "analyzer/check/guard_advice.hpp"
#include "analyzer/diff/compare.hpp"
#include "analyzer/expand_contract/models_at_ref.hpp"
#include "dbdrivers/driver.hpp"
#include "dbdrivers/reflect.hpp"
#include "dbdrivers/reset_database.hpp"
#include "dbdrivers/table_contents.hpp"

namespace migsafe::analyzer::check {

CheckSession::CheckSession(const CheckRequest& request, alembic::Project& project,
                           dbdrivers::ScratchDatabase* database)
    : request_(request), project_(project), database_(database) {
  if (database_)
    reuse_connections_ = std::make_unique<dbdrivers::ReuseConnections>(database_->url());
}

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

void CheckSession::extend_help(const std::string& check, const std::string& revision,
                               const std::string& text) {
  for (model::Finding& finding : findings_) {
    if (finding.check == check && finding.location.revision == revision) finding.help += text;
  }
}

bool CheckSession::ensure_upgraded() {
  if (upgraded_) return *upgraded_;
  // A reset (the chain walk's) forgets the database was upgraded; an upgrade that
  // failed once fails again, and its finding is already there.
  if (first_upgrade_passed_ == false) return false;
  // The first upgrade is what a deploy runs: the lint check lints what it ran.
  const bool record = !ran_;
  if (record) project_.start_recording();
  try {
    project_.upgrade("heads");  // several heads are single-head's finding, not an error
    upgraded_ = true;
  } catch (const alembic::MigrationError& error) {
    add(migration_failure("upgrade", error, "upgrade head fails on an empty database"));
    upgraded_ = false;
  }
  if (!first_upgrade_passed_) first_upgrade_passed_ = upgraded_;
  if (record) {
    ran_ = lint::RanStatements{project_.take_recorded(), database().dialect()};
  }
  if (*upgraded_) run_seed();
  return *upgraded_;
}

bool CheckSession::upgrade_passes() {
  if (first_upgrade_passed_) return *first_upgrade_passed_;
  return ensure_upgraded();
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

std::string CheckSession::why_skipped() const {
  if (upgraded_ == false) return "upgrade head fails on an empty database (see `upgrade`)";
  if (replayed_ == false) return "the replay fails (see `replay`)";
  return "a check it needs did not run";
}

bool CheckSession::ensure_replayed() {
  if (replayed_) return *replayed_;
  if (!ensure_upgraded()) {
    replayed_ = false;
    return false;
  }
  contents_before_replay_ = dbdrivers::read_table_contents(database().url());
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
    contents_after_replay_ = dbdrivers::read_table_contents(database().url());
    schema_after_replay_ = reflect();
  }
  return *replayed_;
}

ChainWalkParts CheckSession::walk_parts() const {
  ChainWalkParts parts;
  for (const CheckDefinition& check : check_definitions()) {
    if (!is_selected(check, request_)) continue;
    parts.replay |= check.name == "replay-per-revision";
    parts.downgrade |= check.name == "downgrade-leaves-no-trace";
  }
  return parts;
}

void CheckSession::start_second_walk() {
  if (!database_ || chain_walk_ || second_walk_) return;
  const ChainWalkParts parts = walk_parts();
  if (!parts.replay && !parts.downgrade) return;
  // A history that does not load stops the run here, as the walk's checks would.
  second_walk_ = SecondWalk::start(request_, *database_, revisions().size(), parts);
}

const std::vector<RevisionOutcome>& CheckSession::chain_outcomes() {
  if (!chain_walk_) {
    chain_walk_ = walk_chain(*this, walk_parts(), second_walk_.get());
    second_walk_.reset();  // its database is dropped now, not at the end of the run
  }
  return chain_walk_->outcomes;
}

const model::Schema* CheckSession::schema_the_walk_came_down_from() const {
  if (!chain_walk_ || dirty_) return nullptr;
  return chain_walk_->came_down_from.get();
}

const lint::RanStatements* CheckSession::ran_statements() {
  if (!has_database()) return nullptr;
  ensure_upgraded();
  return &*ran_;
}

model::Schema CheckSession::reflect() {
  dbdrivers::ReflectOptions options;
  options.exclude_tables = {version_table()};
  return dbdrivers::reflect(database().url(), options);
}

const std::string& CheckSession::version_table() const {
  read_version_table();
  return version_table_->first;
}

const std::string& CheckSession::version_table_schema() const {
  read_version_table();
  return version_table_->second;
}

void CheckSession::read_version_table() const {
  if (version_table_) return;
  try {
    const alembic::ProjectSettings settings = project_.settings();
    version_table_.emplace(settings.version_table, settings.version_table_schema);
  } catch (const model::InputError&) {
    // env.py cannot run offline: the checks that need it say so; Alembic's default
    // is the best guess for the others.
    version_table_.emplace("alembic_version", "");
  }
}

void CheckSession::bring_to_exactly(const std::vector<std::string>& revisions) {
  const std::vector<std::string> now = applied_revisions();
  const std::set<std::string> wanted(revisions.begin(), revisions.end());
  if (!dirty_ && std::set<std::string>(now.begin(), now.end()) == wanted) return;
  // Forward along the chain when every applied head is below the target: a linear walk
  // never starts again from an empty database.
  if (wanted.empty() || !is_below(now, revisions)) reset_database();
  dirty_ = true;  // until every upgrade below went through
  for (const std::string& revision : revisions) project_.upgrade(revision);
  dirty_ = false;
}

std::vector<std::string> CheckSession::applied_revisions() {
  const dbdrivers::DatabaseUrl& url = database().url();
  return dbdrivers::driver_for(url).applied_revisions(url, version_table_schema(), version_table());
}

bool CheckSession::is_below(const std::vector<std::string>& revisions) {
  return is_below(applied_revisions(), revisions);
}

bool CheckSession::is_below(const std::vector<std::string>& applied,
                            const std::vector<std::string>& revisions) {
  if (dirty_) return false;
  const std::set<std::string> below = ancestors_of(revisions);
  return std::all_of(applied.begin(), applied.end(),
                     [&](const std::string& head) { return below.count(head) != 0; });
}

std::set<std::string> CheckSession::ancestors_of(const std::vector<std::string>& revisions) {
  std::map<std::string, const alembic::Revision*> by_id;
  for (const auto& revision : this->revisions()) by_id[revision.id] = &revision;
  std::set<std::string> seen;
  std::vector<std::string> pending(revisions.begin(), revisions.end());
  while (!pending.empty()) {
    const std::string id = pending.back();
    pending.pop_back();
    if (!seen.insert(id).second) continue;
    auto it = by_id.find(id);
    if (it == by_id.end()) continue;
    for (const auto& parent : it->second->down_revisions) pending.push_back(parent);
  }
  return seen;
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
    const auto dialect = database_ != nullptr ? database_->dialect() : model::Dialect::postgresql;
    finding.help = guard_advice(error.statement, dialect);  // SQLite has fewer guards
  } else {
    finding.help =
        "run `alembic upgrade head` on an empty database to see the failure, and fix "
        "the revision so it runs from scratch";
  }
  return finding;
}

const model::Schema* CheckSession::new_models() {
  if (!new_models_) {
    const model::Dialect dialect = database().dialect();
    if (request_.metadata.empty() && !project_.has_models(std::string(model::dialect_name(dialect)))) {
      new_models_.emplace();
    } else {
      new_models_ = alembic::export_model_schema(project_, request_.metadata, dialect);
    }
  }
  return *new_models_ ? &**new_models_ : nullptr;
}

const model::Schema* CheckSession::old_models() {
  if (request_.base_ref.empty()) return nullptr;
  if (!old_models_) {
    old_models_ = expand_contract::models_at_ref({project_.ini_path(), request_.base_ref,
                                                  request_.metadata, database().dialect(),
                                                  request_.url_env_var});
    // No project at the ref: no old code maps anything.
    if (!*old_models_) old_models_->emplace();
  }
  return &**old_models_;
}

}  // namespace migsafe::analyzer::check
