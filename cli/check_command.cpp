#include <CLI/CLI.hpp>
#include <iostream>
#include <optional>

#include "analyzer/check/checks.hpp"
#include "analyzer/check/run_check.hpp"
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/config/config.hpp"
#include "cli/config/lint_settings.hpp"
#include "cli/config/names.hpp"
#include "cli/config/selection.hpp"
#include "cli/print_report.hpp"
#include "cli/progress/for_stderr.hpp"
#include "model/error.hpp"

namespace migsafe::cli {
namespace {

struct CheckArguments {
  std::string project = ".";
  bool per_revision = false;  // no effect: replay-per-revision is on by default
  std::string metadata;
  std::optional<double> timeout;  // --timeout; unset: the config's, else 1,800 s
};

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// Refuses a selection that leaves nothing to run, before the project is opened.
void require_checks(const analyzer::check::CheckRequest& request,
                    const config::Selection& selection) {
  std::vector<std::string> planned;
  for (const auto& check : analyzer::check::check_definitions()) {
    if (analyzer::check::is_selected(check, request)) planned.emplace_back(check.name);
  }
  if (planned.empty()) {
    throw model::UsageError(
        "no check is left to run: --skip and the config's disable skip " + joined(request.skip),
        "skip fewer checks (the checks: " + config::check_names() + ")");
  }
  if (planned == std::vector<std::string>{"lint"} && !config::any_rule_selected(selection)) {
    std::vector<std::string> skipped(selection.skip_rules.begin(), selection.skip_rules.end());
    throw model::UsageError(
        "no check is left to run: lint is the only check selected, and "
        "--skip and the config's disable skip every rule it would run",
        "skip fewer rules or select others; skipped: " + joined(skipped));
  }
}

int run_check_command(const CheckArguments& arguments, const CommonOptions& common) {
  requested_format(common);
  const config::Config config = config::load_config(arguments.project, common.config_file);

  analyzer::check::CheckRequest request;
  request.project = arguments.project;
  request.db = common.db;
  // --only/--skip take check names and rule ids alike: rule ids select lint rules, and
  // an --only that names rules runs the lint check.
  const config::Selection selection = config::select(common, config);
  request.only = selection.only_checks;
  request.skip = selection.skip_checks;
  request.lint = config::lint_settings(common, config);
  request.deploy_order = request.lint.deploy_order;
  request.since = common.since;
  request.base_ref = request.lint.base_ref;
  require_checks(request, selection);
  request.seed = config.seed;
  request.url_env_var = config.database_url_env;
  request.metadata = arguments.metadata;
  request.verbose = common.verbosity > 0;
  request.timeout_seconds = arguments.timeout.value_or(config.timeout.value_or(1800));
  model::Report report;
  {
    // Gone, its live line erased, before the report or an error is printed.
    const std::unique_ptr<analyzer::check::Progress> progress = progress_for_stderr(common.verbosity);
    request.progress = progress.get();
    report = analyzer::check::run_check(request);
  }
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
                    "accepted for old scripts: replay-per-revision runs by default");
  command->add_option("--metadata", arguments->metadata,
                      "the models' MetaData as module:attr (default: env.py's target_metadata)");
  command
      ->add_option("--timeout", arguments->timeout,
                   "seconds one migration step may run before it is stopped and reported "
                   "(default 1800; 0: no limit)")
      ->check(CLI::NonNegativeNumber);
  add_common_options(*command, common);
  return [arguments, &common] { return run_check_command(*arguments, common); };
}

}  // namespace migsafe::cli
