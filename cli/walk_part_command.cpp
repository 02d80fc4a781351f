#include <sys/prctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "analyzer/check/walk_part.hpp"
#include "cli/commands.hpp"
#include "model/error.hpp"

namespace migsafe::cli {
namespace {

int run_walk_part(const analyzer::check::WalkPartRequest& request, const std::string& output) {
  // Ends with the `check` that started it, however that one ends.
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (::getppid() == 1) return 2;
  const char* url = std::getenv("MIGSAFE_WALK_DATABASE_URL");
  if (url == nullptr) {
    throw model::UsageError("walk-part needs MIGSAFE_WALK_DATABASE_URL",
                            "walk-part is internal to `migsafe check`; run `migsafe check`");
  }
  std::string json;
  try {
    json = analyzer::check::walk_part_json(request, url);
  } catch (const analyzer::alembic::MigrationError& error) {
    std::cerr << "the revisions below the part do not apply: " << error.what() << "\n";
    return analyzer::check::walk_part_below_fails;
  }
  std::ofstream out(output);
  out << json;
  if (!out.flush()) {
    throw model::EnvironmentError("cannot write " + output, "check the folder is writable");
  }
  return 0;
}

}  // namespace

// Not for users (no group: --help does not list it): the second process of `check`'s
// chain walk on a long history (analyzer/check/second_walk.hpp).
CommandRunner add_walk_part_command(CLI::App& app) {
  auto request = std::make_shared<analyzer::check::WalkPartRequest>();
  auto output = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand("walk-part", "one part of check's chain walk (internal)");
  command->group("");
  command->add_option("project", request->project)->required();
  command->add_option("--first", request->first)->required();
  command->add_option("--output", *output)->required();
  command->add_option("--url-env", request->url_env_var);
  command->add_option("--timeout", request->timeout_seconds);
  command->add_flag("--replay", request->parts.replay);
  command->add_flag("--downgrade", request->parts.downgrade);
  command->add_flag("--verbose", request->verbose);
  return [request, output] { return run_walk_part(*request, *output); };
}

}  // namespace migsafe::cli
