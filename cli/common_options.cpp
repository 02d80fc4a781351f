#include "cli/common_options.hpp"

#include <CLI/CLI.hpp>

#include "analyzer/expand_contract/deploy_order_name.hpp"
#include "cli/commands.hpp"
#include "cli/config/names.hpp"
#include "cli/report/render.hpp"

namespace migsafe::cli {

namespace {

// "output format (default: text):" and a line per format, from the formats' table.
std::string format_help() {
  const auto& formats = report::format_definitions();
  std::string help = "output format (default: " + std::string(formats.front().name) + "):";
  for (const auto& format : formats) {
    help += "\n  " + std::string(format.name) + ": " + std::string(format.description);
  }
  return help;
}

std::string selection_help(const std::string& verb) {
  return "comma list of check names or rule ids to " + verb +
         "\n  checks: " + config::check_names() + "\n  rules: `migsafe rules` lists them";
}

}  // namespace

void add_common_options(CLI::App& command, CommonOptions& common) {
  // Empty means "not given": the config's fail_on, else error (report::fail_on_threshold).
  common.fail_on.clear();
  command.add_option("--db", common.db,
                     "sqlite|postgres|docker|URL: where to run (default: the dialect of the "
                     "project's sqlalchemy.url, else sqlite)");
  // Checked by requested_format(), whose message lists the formats like the other names'.
  command.add_option("--format", common.format, format_help());
  command.add_option("--only", common.only, selection_help("run"))
      ->delimiter(',')
      ->allow_extra_args(false);
  command.add_option("--skip", common.skip, selection_help("skip"))
      ->delimiter(',')
      ->allow_extra_args(false);
  command.add_option("--config", common.config_file,
                     "config file (default: [tool.migsafe] in the nearest pyproject.toml, "
                     "else migsafe.toml)");
  command
      .add_option("--deploy-order", common.deploy_order,
                  "when migrations run relative to the code deploy (default: code-first)")
      ->check(CLI::IsMember(analyzer::expand_contract::deploy_order_names()));
  command.add_option("--since", common.since, "only revisions after REV are new");
  command.add_option("--base-ref", common.base_ref,
                     "only revision files added or changed since GIT-REF are new; the models "
                     "at GIT-REF are the old code's (default: the config's base_ref)");
  command
      .add_option("--fail-on", common.fail_on,
                  "lowest severity that makes the exit code 1 (default: error)")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  command.add_flag_callback(
      "-q,--quiet", [&common] { common.verbosity = -1; }, "quieter: only findings and errors");
  command.add_flag_callback(
      "-v,--verbose", [&common] { common.verbosity = 1; }, "more detail (progress goes to stderr)");
}

}  // namespace migsafe::cli
