#include "runner/migrate_step.hpp"

#include <cstdlib>
#include <regex>

#include "analyzer/alembic/project.hpp"
#include "dbdrivers/database_url.hpp"
#include "model/error.hpp"

namespace migsafe::runner {
namespace {

std::string revisions_text(const std::vector<std::string>& revisions) {
  if (revisions.empty()) return "base (empty)";
  std::string text;
  for (const std::string& revision : revisions) text += (text.empty() ? "" : ", ") + revision;
  return text;
}

StepFailure failure_of(const Step& step, std::string reason, std::string summary) {
  StepFailure failure;
  failure.step = step.name;
  failure.kind = StepKind::migrate;
  failure.reason = std::move(reason);
  failure.summary = dbdrivers::mask_passwords(summary);
  failure.url_env = step.url_env;
  return failure;
}

bool says_unreachable(const std::string& message) {
  static const std::regex unreachable(
      R"(could not connect|connection refused|could not translate host|timeout expired|)"
      R"(Name or service not known|unable to open database file|server closed the connection)",
      std::regex::icase);
  return std::regex_search(message, unreachable);
}

}  // namespace

std::optional<StepFailure> run_migrate_step(const Step& step, StepLog& log) {
  const char* url = std::getenv(step.url_env.c_str());
  if (url == nullptr || *url == '\0') {
    return failure_of(step, "url-missing", step.url_env + " is not set");
  }
  try {
    const dbdrivers::DatabaseUrl target = dbdrivers::parse_database_url(url);
    dbdrivers::add_secret(target.password);
    log.line("target: " + target.display() + " (from $" + step.url_env + ")");
    analyzer::alembic::ProjectOptions options;
    options.url_env_var = step.url_env;
    options.verbose = true;  // Alembic's "Running upgrade a -> b" lines, as its CLI shows them
    options.step_timeout_seconds = step.timeout_seconds;
    analyzer::alembic::Project project(step.project, options);
    project.set_url(url);
    const std::vector<std::string> heads = project.heads();
    if (heads.size() > 1) {
      return failure_of(step, "several-heads",
                        "the migrations have several heads: " + revisions_text(heads));
    }
    const std::vector<std::string> before = project.current();
    log.line("revision before: " + revisions_text(before));
    if (before.size() > 1) {
      return failure_of(step, "several-heads",
                        "the database is at several heads: " + revisions_text(before));
    }
    project.upgrade("head");
    log.line("revision after: " + revisions_text(project.current()));
    return std::nullopt;
  } catch (const analyzer::alembic::MigrationError& error) {
    StepFailure failure = failure_of(step, "migration-error", error.what());
    failure.revision = error.revision;
    failure.file = error.file;
    failure.line = error.line;
    failure.statement = dbdrivers::mask_passwords(error.statement);
    failure.detail = dbdrivers::mask_passwords(
        error.database_error.empty() ? std::string(error.what()) : error.database_error);
    return failure;
  } catch (const model::Error& error) {
    const std::string message = error.what();
    StepFailure failure = failure_of(
        step, says_unreachable(message) ? "unreachable" : "database-error", message);
    failure.detail = dbdrivers::mask_passwords(message);
    failure.hint = dbdrivers::mask_passwords(error.fix());
    return failure;
  }
}

}  // namespace migsafe::runner
