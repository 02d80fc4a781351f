#include <CLI/CLI.hpp>
#include <iostream>

#include "analyzer/check/run_check.hpp"
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/config/check_names.hpp"
#include "cli/config/config.hpp"
#include "cli/config/lint_settings.hpp"
#include "cli/print_report.hpp"
#include "model/error.hpp"

namespace migsafe::cli {
namespace {

struct CheckArguments {
  std::string project = ".";
  bool per_revision = false;
  std::string metadata;
};

int run_check_command(const CheckArguments& arguments, const CommonOptions& common) {
  requested_format(common);
  const config::Config config = config::load_config(arguments.project, common.config_file);

  analyzer::check::CheckRequest request;
  request.project = arguments.project;
  request.db = common.db;
  // --only/--skip take check names and rule ids alike: rule ids select lint rules, and
  // an --only of rule ids alone runs just the lint check.
  for (const std::string& name : common.only) {
    if (config::is_check_name(name)) request.only.push_back(name);
  }
  if (request.only.empty() && !common.only.empty()) request.only = {"lint"};
  for (const std::string& name : common.skip) {
    if (config::is_check_name(name)) request.skip.push_back(name);
  }
  request.lint = config::lint_settings(common, config);
  request.per_revision = arguments.per_revision;
  request.seed = config.seed;
  request.url_env_var = config.database_url_env;
  request.metadata = arguments.metadata;
  request.verbose = common.verbosity > 0;
  if (common.verbosity >= 0) {
    request.progress = [](const std::string& line) { std::cerr << "migsafe: " << line << "\n"; };
  }

  model::Report report = analyzer::check::run_check(request);
  report.project = arguments.project;
  return print_report(report, common, config);
}

}  // namespace

CommandRunner add_check_command(CLI::App& app, CommonOptions& common) {
  auto arguments = std::make_shared<CheckArguments>();
  CLI::App* command =
      app.add_subcommand("check", "the CI gate: every migration check on a scratch database");
  command->add_option("project", arguments->project,
                      "folder holding alembic.ini, or the .ini file (default: .)");
  command->add_flag("--per-revision", arguments->per_revision,
                    "also replay each revision on its own (replay-per-revision)");
  command->add_option("--metadata", arguments->metadata,
                      "the models' MetaData as module:attr (default: env.py's target_metadata)");
  add_common_options(*command, common);
  return [arguments, &common] { return run_check_command(*arguments, common); };
}

}  // namespace migsafe::cli
