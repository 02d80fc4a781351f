// `migsafe lint [PATH...]`: the command line and config turned into lint settings;
// the linting itself is analyzer/lint.
#include <CLI/CLI.hpp>
#include <iostream>

#include "analyzer/lint/lint_paths.hpp"
#include "analyzer/lint/read_file.hpp"
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/config/config.hpp"
#include "cli/config/lint_settings.hpp"
#include "cli/config/selection.hpp"
#include "cli/print_report.hpp"
#include "model/error.hpp"

namespace migsafe::cli {

namespace {

namespace fs = std::filesystem;

std::string joined(const std::vector<std::string>& paths) {
  std::string out;
  for (const auto& path : paths) out += (out.empty() ? "" : " ") + path;
  return out;
}

}  // namespace

CommandRunner add_lint_command(CLI::App& app, CommonOptions& common) {
  auto* command =
      app.add_subcommand("lint", "lint .sql files, migration .py files, or Alembic projects");
  auto paths = std::make_shared<std::vector<std::string>>();
  command->add_option("PATH", *paths,
                      "a .sql file, a migration .py file, or an Alembic project (default: .)");
  auto max_file_mb = std::make_shared<std::uintmax_t>(analyzer::lint::default_max_file_bytes >> 20);
  command->add_option("--max-file-size", *max_file_mb,
                      "the most one .sql file may hold, in MB (default: 256)")
      ->check(CLI::PositiveNumber);
  add_common_options(*command, common);

  return [command, paths, max_file_mb, &common]() -> int {
    if (!command->parsed()) return 0;
    if (paths->empty()) paths->push_back(".");
    requested_format(common);
    const config::Config config = config::load_config(paths->front(), common.config_file);
    auto settings = config::lint_settings(common, config);
    settings.max_file_bytes = *max_file_mb << 20;
    config::require_lint_rules(common, config::select(common, config));

    std::vector<fs::path> inputs(paths->begin(), paths->end());
    analyzer::lint::LintRun linting(inputs, settings);
    if (common.verbosity >= 0) {
      for (const auto& note : linting.notes()) std::cerr << "migsafe: " << note << '\n';
    }

    model::Report header;
    header.command = "lint";
    header.project = joined(*paths);
    // Each finding is printed as soon as it is final: a large lint never holds them all.
    ReportPrinter printer(header, common, config);
    linting.run([&](model::Finding&& finding) { printer.add(finding); });
    return printer.finish();
  };
}

}  // namespace migsafe::cli
