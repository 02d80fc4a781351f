#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace migsafe::cli {

struct CommonOptions;

// Each command adds its subcommand to the app and returns the function that runs it
// once the command line is parsed. The function returns the process exit code.
using CommandRunner = std::function<int()>;

CommandRunner add_check_command(CLI::App& app, CommonOptions& common);
CommandRunner add_lint_command(CLI::App& app, CommonOptions& common);
CommandRunner add_rules_command(CLI::App& app, CommonOptions& common);
CommandRunner add_drift_command(CLI::App& app, CommonOptions& common);
CommandRunner add_export_models_command(CLI::App& app);  // internal: check --base-ref's
CommandRunner add_walk_part_command(CLI::App& app);      // internal: check's split walk
CommandRunner add_run_command(CLI::App& app);
CommandRunner add_smoke_command(CLI::App& app);

// The options of docs/cli.md shared by check, lint and drift.
void add_common_options(CLI::App& command, CommonOptions& common);

}  // namespace migsafe::cli
