// `migsafe lint [PATH...]`: the command line and config turned into lint settings;
// the linting itself is analyzer/lint.
#include <CLI/CLI.hpp>
#include <iostream>

#include "analyzer/lint/lint_paths.hpp"
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/config/check_names.hpp"
#include "cli/config/config.hpp"
#include "cli/report/exit_code.hpp"
#include "cli/report/render.hpp"
#include "model/error.hpp"
#include "rules/registry.hpp"

namespace migsafe::cli {

namespace {

namespace fs = std::filesystem;

// Rule ids given to --only/--skip; check names (`lint`, `replay`, ...) are accepted and
// mean nothing to lint, anything else is a usage error.
std::set<std::string> rule_ids(const std::vector<std::string>& names, const char* option) {
  std::set<std::string> ids;
  for (const auto& name : names) {
    if (name.empty()) continue;
    if (auto id = rules::resolve_rule_id(name)) {
      ids.insert(*id);
    } else if (config::is_check_name(name)) {
      continue;
    } else {
      throw model::UsageError(std::string(option) + " " + name + ": unknown rule",
                              "`migsafe rules` lists the rule ids");
    }
  }
  return ids;
}

// The rule ids among config names (check names and unknown names are dropped; the
// config already warned about the unknown ones).
std::set<std::string> known_rules(const std::vector<std::string>& names) {
  std::set<std::string> ids;
  for (const auto& name : names) {
    if (auto id = rules::resolve_rule_id(name)) ids.insert(*id);
  }
  return ids;
}

analyzer::lint::Settings settings_for(const CommonOptions& common, const config::Config& config) {
  analyzer::lint::Settings settings;
  auto& options = settings.rules;
  const auto only = rule_ids(common.only, "--only");
  if (!only.empty()) {
    options.enabled = only;
  } else {
    options.enabled = known_rules(config.enable);
  }
  options.disabled = known_rules(config.disable);
  const auto skip = rule_ids(common.skip, "--skip");
  options.disabled.insert(skip.begin(), skip.end());
  for (const auto& [name, severity] : config.severity) {
    if (auto id = rules::resolve_rule_id(name)) options.severity[*id] = severity;
  }
  if (config.pg_version) options.context.pg_version = *config.pg_version;
  if (config.assume_in_transaction) options.context.assume_in_transaction = *config.assume_in_transaction;
  const auto& set_by = config.lock_timeout_set_by;
  options.context.lock_timeout_set_externally = !set_by.empty() && set_by != "none" && set_by != "migration";

  if (!common.db.empty()) {
    settings.dialect = analyzer::lint::dialect_of_db_option(common.db);
    if (!settings.dialect) {
      throw model::UsageError("--db " + common.db + ": migsafe lints PostgreSQL and SQLite only",
                              "use --db sqlite, --db postgres or a postgresql:// / sqlite:// URL");
    }
    options.context.dialect = *settings.dialect;
  }
  settings.exclude = config.exclude;
  std::error_code ec;
  settings.exclude_base = config.file.empty() ? fs::current_path(ec) : config.file.parent_path();
  settings.url_env_var = config.database_url_env;
  settings.since = common.since;
  if (!common.base_ref.empty()) {
    throw model::UsageError("lint does not support --base-ref yet",
                            "pass the new migration files as paths, or --since REV");
  }
  return settings;
}

std::string joined(const std::vector<std::string>& paths) {
  std::string out;
  for (const auto& path : paths) out += (out.empty() ? "" : " ") + path;
  return out;
}

}  // namespace

CommandRunner add_lint_command(CLI::App& app, CommonOptions& common) {
  auto* command = app.add_subcommand("lint", "lint .sql files, migration .py files, or Alembic projects");
  auto paths = std::make_shared<std::vector<std::string>>();
  command->add_option("PATH", *paths,
                      "a .sql file, a migration .py file, or an Alembic project (default: .)");
  add_common_options(*command, common);

  return [command, paths, &common]() -> int {
    if (!command->parsed()) return 0;
    if (paths->empty()) paths->push_back(".");
    const auto format = report::parse_format(common.format);
    if (!format) throw model::UsageError("--format " + common.format + " is not a format");

    const config::Config config = config::load_config(paths->front(), common.config_file);
    const auto settings = settings_for(common, config);
    const auto fail_on = report::fail_on_threshold(common.fail_on, config.fail_on);

    std::vector<fs::path> inputs(paths->begin(), paths->end());
    auto result = analyzer::lint::lint_paths(inputs, settings);

    model::Report report;
    report.command = "lint";
    report.project = joined(*paths);
    report.findings = config.warnings;
    for (auto& finding : result.findings) report.findings.push_back(std::move(finding));
    if (common.verbosity >= 0) {
      for (const auto& note : result.notes) std::cerr << "migsafe: " << note << '\n';
    }
    report::RenderOptions render_options;
    render_options.color = report::color_for_stdout();
    report::render(report, *format, std::cout, render_options);
    return report::exit_code(report.findings, fail_on);
  };
}

}  // namespace migsafe::cli
