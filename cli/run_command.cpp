// `migsafe run [PIPELINE] --stage NAME [--dry-run]`: the stage's command, migrate and
// smoke steps in order (runner/). The migrate step migrates the stage's own database:
// the one place migsafe writes to a database it did not create, so a stage is never
// implied.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "runner/environment.hpp"
#include "runner/pipeline_file.hpp"
#include "runner/run_stage.hpp"

namespace migsafe::cli {
namespace {

struct RunArguments {
  std::string pipeline = ".";
  std::string stage;
  bool dry_run = false;
};

int run_pipeline(const RunArguments& arguments) {
  runner::mask_environment_secrets({});  // before anything can be printed, errors too
  const runner::Pipeline pipeline =
      runner::read_pipeline(runner::find_pipeline_file(arguments.pipeline));
  runner::mask_environment_secrets(pipeline);
  const runner::Stage& stage = runner::find_stage(pipeline, arguments.stage);
  if (arguments.dry_run) {
    runner::print_plan(pipeline, stage, std::cout);
    return 0;
  }
  return runner::run_stage(pipeline, stage, std::cout);
}

}  // namespace

CommandRunner add_run_command(CLI::App& app) {
  auto arguments = std::make_shared<RunArguments>();
  CLI::App* command = app.add_subcommand(
      "run", "run a pipeline's steps (command, migrate, smoke) for one stage");
  command->add_option("pipeline", arguments->pipeline,
                      "migsafe-pipeline.toml, a pyproject.toml with [tool.migsafe.pipeline], "
                      "or their folder (default: the current folder)");
  command->add_option("--stage", arguments->stage, "the stage to run, e.g. staging")->required();
  command->add_flag("--dry-run", arguments->dry_run, "print the plan; run nothing");
  return [arguments] { return run_pipeline(*arguments); };
}

}  // namespace migsafe::cli
