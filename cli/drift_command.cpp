#include <CLI/CLI.hpp>
#include <cstdlib>

#include "analyzer/alembic/project.hpp"
#include "analyzer/drift.hpp"
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/config/config.hpp"
#include "cli/print_report.hpp"
#include "model/error.hpp"

namespace migsafe::cli {
namespace {

struct DriftArguments {
  std::string project = ".";
  std::string metadata;
  std::vector<std::string> schemas = {"public"};
};

// The database to compare: --db, else the variable env.py reads, else the ini's URL.
// drift reads an existing database, so the scratch keywords make no sense here.
std::string database_to_read(const DriftArguments& arguments, const CommonOptions& common,
                             const config::Config& config) {
  if (common.db == "sqlite" || common.db == "postgres" || common.db == "docker") {
    throw model::UsageError("drift compares an existing database, not a scratch one",
                            "pass its URL: --db postgresql://user@host/app or sqlite:///app.db");
  }
  if (!common.db.empty()) return common.db;
  if (const char* from_env = std::getenv(config.database_url_env.c_str())) {
    if (*from_env) return from_env;
  }
  analyzer::alembic::Project project(arguments.project);
  std::string configured = project.configured_url();
  if (configured.empty()) {
    throw model::UsageError("no database to compare with",
                            "pass --db URL, or set $" + config.database_url_env);
  }
  return configured;
}

int run_drift_command(const DriftArguments& arguments, const CommonOptions& common) {
  requested_format(common);
  const config::Config config = config::load_config(arguments.project, common.config_file);

  analyzer::DriftOptions options;
  options.metadata_spec = arguments.metadata;
  options.schemas = arguments.schemas;
  model::Report report =
      analyzer::run_drift(arguments.project, database_to_read(arguments, common, config), options);
  report.project = arguments.project;
  return print_report(report, common, config);
}

}  // namespace

CommandRunner add_drift_command(CLI::App& app, CommonOptions& common) {
  auto arguments = std::make_shared<DriftArguments>();
  CLI::App* command = app.add_subcommand(
      "drift", "diff an existing database against the models (read-only)");
  command->add_option("project", arguments->project,
                      "folder holding alembic.ini, or the .ini file (default: .)");
  command->add_option("--metadata", arguments->metadata,
                      "the models' MetaData as module:attr (default: env.py's target_metadata)");
  command->add_option("--schema", arguments->schemas, "PostgreSQL schemas to compare")
      ->delimiter(',');
  add_common_options(*command, common);
  return [arguments, &common] { return run_drift_command(*arguments, common); };
}

}  // namespace migsafe::cli
