#include "analyzer/check/run_check.hpp"

#include <algorithm>
#include <chrono>
#include <optional>

#include "analyzer/check/checks.hpp"
#include "analyzer/display_path.hpp"
#include "dbdrivers/scratch.hpp"
#include "model/dialect.hpp"

namespace migsafe::analyzer::check {
namespace {

// --db as given, else the dialect the project itself is configured for.
std::string database_choice(const CheckRequest& request, const alembic::Project& project) {
  if (!request.db.empty()) return request.db;
  const auto dialect = model::dialect_of_url(project.configured_url());
  return std::string(model::dialect_name(dialect.value_or(model::Dialect::sqlite)));
}

long long milliseconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

// The scratch database vanishing under a check (its server killed, its file removed) is
// an environment error naming it, not "check the URL" nor a migration's finding.
void require_database(const dbdrivers::ScratchDatabase* database, const std::string& check) {
  if (database == nullptr) return;
  if (const std::optional<std::string> lost = database->lost()) {
    throw model::EnvironmentError(
        *lost + " (during check " + check + ")",
        "something outside migsafe stopped it (the OOM killer, a `pkill postgres`, a clean-up "
        "of temp folders): see the end of the log above, then run migsafe again");
  }
}

}  // namespace

void validate_check_names(const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    const auto& all = check_definitions();
    if (std::any_of(all.begin(), all.end(), [&](const auto& c) { return c.name == name; })) {
      continue;
    }
    std::string known;
    for (const auto& check : all) known += (known.empty() ? "" : ", ") + std::string(check.name);
    throw model::UsageError("unknown check '" + name + "'", "use one of: " + known);
  }
}

model::Report run_check(const CheckRequest& request) {
  validate_check_names(request.only);
  validate_check_names(request.skip);

  alembic::ProjectOptions options;
  options.url_env_var = request.url_env_var;
  options.verbose = request.verbose;
  options.step_timeout_seconds = request.timeout_seconds;
  alembic::Project project(request.project, options);

  std::vector<const CheckDefinition*> plan;
  bool needs_database = false;
  for (const CheckDefinition& check : check_definitions()) {
    if (!is_selected(check, request)) continue;
    plan.push_back(&check);
    needs_database |= check.needs_database == NeedsDatabase::yes;
  }

  model::Report report;
  report.command = "check";
  report.project = request.project.string();

  std::unique_ptr<dbdrivers::ScratchDatabase> database;
  if (needs_database) {
    const auto start = std::chrono::steady_clock::now();
    database = dbdrivers::create_scratch({database_choice(request, project), {}});
    project.set_url(database->url().to_string());
    report.database = {std::string(model::dialect_name(database->dialect())),
                       database->server_version(), database->kind()};
    if (request.progress) {
      request.progress->database_ready(report.database.kind + " " + report.database.dialect + " " +
                       report.database.server_version + " at " + database->display_url() +
                       " (" + std::to_string(milliseconds_since(start)) + " ms)");
      for (const std::string& note : database->notes()) request.progress->note(note);
    }
  }

  CheckSession session(request, project, database.get());
  session.start_second_walk();
  for (const CheckDefinition* check : plan) {
    const auto start = std::chrono::steady_clock::now();
    model::CheckResult result;
    result.name = std::string(check->name);
    if (request.progress) request.progress->check_started(result.name);
    try {
      result.status = check->run(session);
    } catch (const alembic::MigrationError& error) {
      require_database(database.get(), result.name);  // a lost server is no finding
      // A migration failed where the check did not expect one: still this check's
      // finding, and the next check starts from a clean database.
      session.add(session.migration_failure(result.name, error, "failed"));
      session.mark_dirty();
      result.status = model::CheckStatus::failed;
    } catch (const model::EnvironmentError&) {
      require_database(database.get(), result.name);  // says what really happened
      throw;
    }
    // A server that died during the check may have turned into findings.
    require_database(database.get(), result.name);
    result.duration_ms = milliseconds_since(start);
    result.note = session.take_note();
    if (result.status == model::CheckStatus::skipped && result.note.empty()) {
      result.note = session.why_skipped();
    }
    if (request.progress) request.progress->check_finished(result);
    report.checks.push_back(std::move(result));
  }
  report.findings = session.findings();
  for (model::Finding& finding : report.findings) {
    finding.location.file = display_path(finding.location.file);
    for (model::Occurrence& occurrence : finding.occurrences) {
      occurrence.location.file = display_path(occurrence.location.file);
    }
  }
  return report;
}

}  // namespace migsafe::analyzer::check
