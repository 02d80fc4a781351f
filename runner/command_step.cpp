#include "runner/command_step.hpp"

#include "dbdrivers/database_url.hpp"
#include "dbdrivers/os/command.hpp"
#include "runner/environment.hpp"

namespace migsafe::runner {

std::optional<StepFailure> run_command_step(const Step& step, StepLog& log) {
  const std::string context = "step " + step.name;
  dbdrivers::os::Command command;
  for (const auto& [name, value] : step.env) command.env.emplace_back(name, expand(value, context));
  for (const std::string& arg : step.argv) {
    command.argv.push_back(expand(arg, context, Unset::fail, command.env));
  }
  command.cwd = step.cwd;
  command.timeout_seconds = step.timeout_seconds;
  command.on_output = [&log](std::string_view chunk) { log.chunk(chunk); };

  std::string joined;
  for (const std::string& arg : command.argv) joined += (joined.empty() ? "" : " ") + arg;
  log.line("$ " + joined);
  const dbdrivers::os::CommandResult result = dbdrivers::os::run_command(command);
  log.flush();
  if (result.ok() && !result.timed_out) return std::nullopt;

  StepFailure failure;
  failure.step = step.name;
  failure.kind = StepKind::command;
  failure.command = dbdrivers::mask_passwords(joined);
  failure.detail = log.tail();
  if (result.timed_out) {
    failure.reason = "timeout";
    failure.summary = "stopped after its timeout of " +
                      std::to_string(static_cast<long>(step.timeout_seconds)) + " s";
  } else if (result.exit_code == 127) {
    // 127: the program was not found or could not start (or said so itself).
    failure.reason = "exit-code";
    failure.summary = "exited with 127 (" + (log.last_output_line().empty()
                                                 ? "the program was not found"
                                                 : log.last_output_line()) + ")";
  } else {
    failure.reason = "exit-code";
    failure.summary = "exited with " + std::to_string(result.exit_code);
  }
  return failure;
}

}  // namespace migsafe::runner
