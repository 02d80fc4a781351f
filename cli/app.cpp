#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "dbdrivers/interrupts.hpp"
#include "model/error.hpp"

namespace migsafe::cli {
namespace {

// The one place errors become exit code 2 (docs/cli.md): what went wrong, then how to fix it.
int report_error(const model::Error& error) {
  std::cerr << "migsafe: error: " << error.what() << "\n";
  if (!error.fix().empty()) std::cerr << "  fix: " << error.fix() << "\n";
  return 2;
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
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // --help and --version print here
    return with_output_written(code == 0 ? 0 : 2);
  }

  try {
    for (const Command& command : commands) {
      if (app.get_subcommand(command.name)->parsed()) return with_output_written(command.run());
    }
  } catch (const model::Error& error) {
    return report_error(error);
  } catch (const std::exception& error) {
    std::cerr << "migsafe: internal error: " << error.what() << "\n"
              << "  this is a bug in migsafe; please report it with the command you ran\n";
    return 2;
  }
  return 2;
}

}  // namespace migsafe::cli
