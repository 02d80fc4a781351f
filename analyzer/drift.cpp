#include "analyzer/drift.hpp"

#include <algorithm>
#include <chrono>

#include "analyzer/alembic/project.hpp"
#include "dbdrivers/reflect.hpp"
#include "model/dialect.hpp"
#include "model/error.hpp"

namespace migsafe::analyzer {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// Which revision the database is at, as a finding: info at head, warning otherwise
// (the models describe head, so an older database differs for a known reason).
model::Finding revision_finding(const dbdrivers::ReflectStats& stats,
                                std::vector<std::string> heads, const std::string& check,
                                const std::string& version_table) {
  model::Finding f;
  f.check = check;
  f.rule = check;
  std::sort(heads.begin(), heads.end());
  if (!stats.has_alembic_version || stats.alembic_revisions.empty()) {
    f.severity = model::Severity::warning;
    f.message = "the database has no Alembic revision (no " + version_table +
                " row); heads: " + join(heads);
    f.help =
        "if the schema was created by these migrations, run `alembic stamp head`; otherwise "
        "`alembic upgrade head`";
  } else if (stats.alembic_revisions == heads) {
    f.severity = model::Severity::info;
    f.message = "the database is at revision " + join(stats.alembic_revisions) + " (head)";
  } else {
    f.severity = model::Severity::warning;
    f.message = "the database is at revision " + join(stats.alembic_revisions) + ", not at head (" +
                join(heads) + "): some differences may be migrations not yet applied";
    f.help = "run `alembic upgrade head` against this database, then run drift again";
  }
  return f;
}

}  // namespace

model::Report run_drift(const std::filesystem::path& project_path, const std::string& database_url,
                        const DriftOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const dbdrivers::DatabaseUrl url = dbdrivers::parse_database_url(database_url);

  alembic::Project project(project_path);
  // env.py reads the URL to pick its dialect; it runs offline, so it never connects.
  project.set_offline_url(database_url);
  DriftOptions compared = options;
  try {
    compared.version_table = project.settings().version_table;
  } catch (const model::InputError&) {  // NOLINT(bugprone-empty-catch): the export reports it
  }
  dbdrivers::ReflectStats stats;
  std::vector<model::Finding> differences =
      compare_models_to_database(project, url, compared, &stats);

  model::Report report;
  report.command = "drift";
  report.project = project_path.string();
  report.database = {std::string(model::dialect_name(url.dialect())), stats.server_version,
                     "existing"};
  report.findings = std::move(differences);
  const model::Finding revision =
      revision_finding(stats, project.heads(), options.check_name, compared.version_table);

  model::CheckResult result;
  result.name = options.check_name;
  const std::size_t count = report.findings.size();
  result.status = count == 0 ? model::CheckStatus::passed : model::CheckStatus::failed;
  result.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  result.note = std::to_string(count) + " difference(s); " + revision.message;
  report.checks.push_back(std::move(result));
  report.findings.insert(report.findings.begin(), revision);
  return report;
}

}  // namespace migsafe::analyzer
