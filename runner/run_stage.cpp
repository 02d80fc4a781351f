#include "runner/run_stage.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "dbdrivers/database_url.hpp"
#include "model/error.hpp"
#include "runner/command_step.hpp"
#include "runner/environment.hpp"
#include "runner/known_failures.hpp"
#include "runner/migrate_step.hpp"
#include "runner/smoke_step.hpp"

namespace migsafe::runner {
namespace {

std::optional<StepFailure> run_step_of_its_kind(const Step& step, StepLog& log) {
  switch (step.kind) {
    case StepKind::command:
      return run_command_step(step, log);
    case StepKind::migrate:
      return run_migrate_step(step, log);
    case StepKind::smoke:
      return run_smoke_step(step, log);
  }
  return std::nullopt;
}

// A step that cannot start (a base_url that is no URL) fails as a step: the steps
// before it have run, so the stage ends with its diagnosis, not an error alone.
std::optional<StepFailure> run_step(const Step& step, StepLog& log) {
  try {
    return run_step_of_its_kind(step, log);
  } catch (const model::Error& error) {
    StepFailure failure;
    failure.step = step.name;
    failure.kind = step.kind;
    failure.reason = "usage";
    failure.summary = error.what();
    failure.hint = error.fix();
    return failure;
  }
}

// What a capture sets: the output's last line; a step that printed nothing fails.
std::optional<StepFailure> capture(const Pipeline& pipeline, const Step& step, StepLog& log,
                                   std::ostream& out) {
  const std::string& value = log.last_output_line();
  if (value.empty()) {
    StepFailure failure;
    failure.step = step.name;
    failure.kind = step.kind;
    failure.reason = "capture-empty";
    failure.summary = "printed nothing for " + step.capture;
    failure.hint = "the command's last line of output is what capture sets";
    return failure;
  }
  mask_captured_variable(pipeline, step.capture, value);
  ::setenv(step.capture.c_str(), value.c_str(), 1);
  log.release();
  out << "  " << step.capture << "=" << dbdrivers::mask_passwords(value) << "\n";
  return std::nullopt;
}

// Every ${NAME} the stage uses, checked before its first step runs: an unset one is
// an error that runs nothing, not a failure half-way through a deploy. A capture of an
// earlier step counts as set, and a command's own env for its argv.
void check_variables(const Stage& stage) {
  std::vector<std::string> set_by_steps;
  for (const Step& step : stage.steps) {
    const auto require = [&](const std::string& text, const Variables& also_set) {
      for (const std::string& name : variables_in(text)) {
        const auto is_name = [&](const auto& entry) { return entry.first == name; };
        if (std::getenv(name.c_str()) != nullptr ||
            std::find(set_by_steps.begin(), set_by_steps.end(), name) != set_by_steps.end() ||
            std::any_of(also_set.begin(), also_set.end(), is_name)) {
          continue;
        }
        throw model::UsageError("step " + step.name + " uses ${" + name + "}, which is not set",
                                "set the environment variable " + name +
                                    " before migsafe run (write $${ for a literal ${); nothing "
                                    "ran");
      }
    };
    for (const std::string& arg : step.argv) require(arg, step.env);
    for (const auto& [name, value] : step.env) require(value, {});
    require(step.smoke.base_url, {});
    for (const auto& [name, value] : step.smoke.headers) require(value, {});
    for (const HttpCheck& check : step.smoke.checks) {
      require(check.path, {});
      for (const auto& [name, value] : check.headers) require(value, {});
    }
    if (!step.capture.empty()) set_by_steps.push_back(step.capture);
  }
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", seconds);
  return text;
}

void print_failure(const Pipeline& pipeline, const StepFailure& failure, std::ostream& out) {
  out << "\nmigsafe: step " << failure.step
      << " failed: " << dbdrivers::mask_passwords(failure.summary) << "\n";
  const std::optional<Diagnosis> diagnosis = diagnose(failure, pipeline.known_failures);
  if (!diagnosis) {
    out << "  no known failure matches; the step's output is above\n";
    if (!failure.hint.empty()) out << "  fix:   " << dbdrivers::mask_passwords(failure.hint) << "\n";
    return;
  }
  out << "  known failure: " << diagnosis->failure << "\n"
      << "  cause: " << dbdrivers::mask_passwords(diagnosis->cause) << "\n"
      << "  fix:   " << dbdrivers::mask_passwords(diagnosis->fix) << "\n";
}

// A value as the plan shows it: ${VAR}s filled in where set, secrets masked.
std::string shown(const std::string& text, const Variables& step_env = {}) {
  return dbdrivers::mask_passwords(expand(text, "", Unset::keep, step_env));
}

std::string json_text(const nlohmann::json& value) { return value.dump(); }

// An Authorization header is a credential even when written in the file.
std::string header_shown(const std::string& name, const std::string& value) {
  std::string lower = name;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name + ": " + (lower == "authorization" ? std::string("***") : shown(value));
}

void print_step_plan(const Step& step, std::ostream& out) {
  switch (step.kind) {
    case StepKind::command: {
      Variables env;
      for (const auto& [name, value] : step.env) env.emplace_back(name, expand(value, "", Unset::keep));
      std::string argv;
      for (const std::string& arg : step.argv) argv += (argv.empty() ? "" : " ") + shown(arg, env);
      out << "     run: " << argv << "\n";
      for (const auto& [name, value] : step.env) out << "     env: " << name << "=" << shown(value) << "\n";
      if (!step.cwd.empty()) out << "     in:  " << step.cwd.string() << "\n";
      if (step.timeout_seconds > 0) out << "     timeout: " << seconds_text(step.timeout_seconds) << "\n";
      if (!step.capture.empty()) out << "     sets ${" << step.capture << "} to its last line\n";
      break;
    }
    case StepKind::migrate: {
      out << "     alembic upgrade head of " << step.project.string() << "\n";
      const std::string url = shown("${" + step.url_env + "}");
      out << "     on the database in $" << step.url_env << ": "
          << (url.rfind("${", 0) == 0 ? "(not set)" : url) << "\n";
      break;
    }
    case StepKind::smoke:
      out << "     against " << shown(step.smoke.base_url) << ", retried until "
          << seconds_text(step.smoke.deadline_seconds) << "\n";
      for (const HttpCheck& check : step.smoke.checks) {
        out << "     " << check.method << " " << shown(check.path) << " -> " << check.status;
        for (const auto& [path, value] : check.json_fields) out << ", " << path << " = " << json_text(value);
        for (const auto& [name, value] : check.headers) out << ", " << header_shown(name, value);
        out << "  (" << check.name << ")\n";
      }
      for (const auto& [name, value] : step.smoke.headers) {
        out << "     every check: " << header_shown(name, value) << "\n";
      }
      break;
  }
}

}  // namespace

const Stage& find_stage(const Pipeline& pipeline, const std::string& name) {
  std::string names;
  for (const Stage& stage : pipeline.stages) {
    if (stage.name == name) return stage;
    names += (names.empty() ? "" : ", ") + stage.name;
  }
  throw model::UsageError("the pipeline " + pipeline.file.string() + " has no stage " + name,
                          "pass --stage with one of: " + names);
}

int run_stage(const Pipeline& pipeline, const Stage& stage, std::ostream& out) {
  check_variables(stage);
  out << "migsafe run: stage " << stage.name << " of " << pipeline.file.string() << " ("
      << stage.steps.size() << (stage.steps.size() == 1 ? " step)\n" : " steps)\n");
  for (std::size_t i = 0; i < stage.steps.size(); ++i) {
    const Step& step = stage.steps[i];
    out << "\n==> " << (i + 1) << "/" << stage.steps.size() << " " << step.name << " ("
        << step_kind_name(step.kind) << ")\n";
    out.flush();
    const auto started = std::chrono::steady_clock::now();
    StepLog log(out, step.name);
    // Output that becomes a secret value is printed once the mask knows it.
    if (!step.capture.empty() && is_secret_variable(pipeline, step.capture)) log.hold();
    std::optional<StepFailure> failure = run_step(step, log);
    if (!failure && !step.capture.empty()) failure = capture(pipeline, step, log, out);
    log.release();
    const double took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (failure) {
      print_failure(pipeline, *failure, out);
      for (std::size_t later = i + 1; later < stage.steps.size(); ++later) {
        out << "  not run: " << stage.steps[later].name << "\n";
      }
      return 1;
    }
    out << "<== " << step.name << " passed (" << seconds_text(took) << ")\n";
  }
  out << "\nmigsafe run: stage " << stage.name << " passed\n";
  return 0;
}

void print_plan(const Pipeline& pipeline, const Stage& stage, std::ostream& out) {
  out << "migsafe run --dry-run: stage " << stage.name << " of " << pipeline.file.string()
      << " (nothing runs)\n";
  for (std::size_t i = 0; i < stage.steps.size(); ++i) {
    const Step& step = stage.steps[i];
    out << "  " << (i + 1) << ". " << step.name << " (" << step_kind_name(step.kind) << ")\n";
    print_step_plan(step, out);
  }
}

}  // namespace migsafe::runner
