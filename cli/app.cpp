#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "model/error.hpp"

namespace migsafe::cli {

int run(int argc, char** argv) {
  CLI::App app{"migsafe: migration safety analyzer and schema-drift checker for Alembic"};
  app.set_version_flag("--version", std::string("migsafe ") + MIGSAFE_VERSION);
  app.require_subcommand(1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return 0;
}

}  // namespace migsafe::cli
