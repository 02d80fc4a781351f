#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/crash_report.hpp"
#include "cli/report/render.hpp"
#include "dbdrivers/database_url.hpp"
#include "dbdrivers/interrupts.hpp"
#include "model/error.hpp"

namespace migsafe::cli {
namespace {

// The one place errors become exit code 2 (docs/cli.md): what went wrong, then how to
// fix it, on stderr; with a machine format, the same on stdout in that format.
int report_error(report::RunError error, const CommonOptions& common) {
  error.message = dbdrivers::mask_passwords(error.message);  // the one mask, to the end
  error.help = dbdrivers::mask_passwords(error.help);
  std::cerr << "migsafe: error: " << error.message << "\n";
  if (!error.help.empty()) std::cerr << "  fix: " << error.help << "\n";
  const report::FormatDefinition* format = report::find_format(common.format);
  if (format != nullptr && format->write_error != nullptr) {
    format->write_error(std::cout, error);
    std::cout.flush();
  }
  return 2;
}

std::string parsed_command(const CLI::App& app) {
  const auto parsed = app.get_subcommands();
  return parsed.empty() ? "" : parsed.front()->get_name();
}

// A report that did not reach stdout (a full disk, a closed pipe) is no result: CI
// must not read a green exit code beside an empty or cut report.
int with_output_written(int code) {
  std::cout.flush();
  if (std::cout) return code;
  const int error = errno;
  std::cerr << "migsafe: error: could not write to standard output"
            << (error != 0 ? std::string(": ") + std::strerror(error) : std::string()) << "\n"
            << "  fix: check that the file or pipe stdout goes to can be written (disk space, "
               "a reader that stays open)\n";
  return 2;
}

}  // namespace

int run(int argc, char** argv) {
  // Scratch servers and databases must go away on Ctrl-C as well as on success.
  dbdrivers::install_interrupt_handlers();
  install_crash_report();

  CLI::App app{"migsafe: migration safety analyzer and schema-drift checker for Alembic"};
  app.set_version_flag("--version", std::string("migsafe ") + MIGSAFE_VERSION);
  app.require_subcommand(1);

  CommonOptions common;
  struct Command {
    const char* name;
    CommandRunner run;
  };
  const Command commands[] = {
      {"check", add_check_command(app, common)},
      {"lint", add_lint_command(app, common)},
      {"drift", add_drift_command(app, common)},
      {"rules", add_rules_command(app, common)},
      {"run", add_run_command(app)},
      {"smoke", add_smoke_command(app)},
      {"export-models", add_export_models_command(app)},
      {"walk-part", add_walk_part_command(app)},
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // --help and --version print here, and usage errors
    if (code == 0) return with_output_written(0);
    const report::FormatDefinition* format = report::find_format(common.format);
    if (format != nullptr && format->write_error != nullptr) {
      format->write_error(std::cout, {parsed_command(app), e.what(), "see migsafe --help"});
    }
    return with_output_written(2);
  }

  try {
    for (const Command& command : commands) {
      if (app.get_subcommand(command.name)->parsed()) return with_output_written(command.run());
    }
  } catch (const model::Error& error) {
    return report_error({parsed_command(app), error.what(), error.fix()}, common);
  } catch (const std::exception& error) {
    return report_error({parsed_command(app), std::string("internal error: ") + error.what(),
                         "this is a bug in migsafe; please report it with the command you ran"},
                        common);
  }
  return 2;
}

}  // namespace migsafe::cli
