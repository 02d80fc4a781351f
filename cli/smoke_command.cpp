// `migsafe smoke`: only the smoke checks, against a base URL: the checks given with
// --check, or the smoke steps of a pipeline's stage.
#include <CLI/CLI.hpp>
#include <iostream>
#include <regex>

#include "cli/commands.hpp"
#include "model/error.hpp"
#include "runner/environment.hpp"
#include "runner/pipeline_file.hpp"
#include "runner/run_stage.hpp"

namespace migsafe::cli {
namespace {

struct SmokeArguments {
  std::string pipeline = ".";
  std::string stage;
  std::string base_url;
  std::vector<std::string> checks;
  std::vector<std::string> headers;
  double deadline = -1;
  std::string ca_file;
  bool insecure = false;
};

// "[METHOD] PATH [STATUS]": "/health", "GET /health 200", "POST /login 401".
runner::HttpCheck parse_check(const std::string& spec) {
  static const std::regex form(R"(^\s*(?:([A-Za-z]+)\s+)?(/\S*)(?:\s+([1-5][0-9][0-9]))?\s*$)");
  std::smatch parts;
  if (!std::regex_match(spec, parts, form)) {
    throw model::UsageError("--check '" + spec + "' is not [METHOD] PATH [STATUS]",
                            "write it as \"GET /health 200\" or \"/health\"");
  }
  runner::HttpCheck check;
  if (parts[1].matched) {
    check.method = parts[1].str();
    for (char& c : check.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  check.path = parts[2].str();
  if (parts[3].matched) check.status = std::stoi(parts[3].str());
  check.name = check.method + " " + check.path;
  return check;
}

std::pair<std::string, std::string> parse_header(const std::string& header) {
  const std::size_t colon = header.find(':');
  if (colon == std::string::npos || colon == 0) {
    // Not the header itself: its value may be a credential.
    throw model::UsageError("--header '" + header.substr(0, header.find(' ')) +
                                " ...' is not Name: value",
                            "write it as \"Authorization: Bearer ${API_TOKEN}\"");
  }
  std::string value = header.substr(colon + 1);
  value.erase(0, value.find_first_not_of(' '));
  return {header.substr(0, colon), value};
}

void apply_options(runner::SmokeSettings& smoke, const SmokeArguments& arguments) {
  if (!arguments.base_url.empty()) smoke.base_url = arguments.base_url;
  for (const std::string& header : arguments.headers) smoke.headers.insert_or_assign(
      parse_header(header).first, parse_header(header).second);
  if (arguments.deadline >= 0) smoke.deadline_seconds = arguments.deadline;
  if (!arguments.ca_file.empty()) smoke.ca_file = arguments.ca_file;
  if (arguments.insecure) smoke.verify_tls = false;
}

int run_smoke(const SmokeArguments& arguments) {
  runner::mask_environment_secrets({});  // before anything can be printed, errors too
  runner::Pipeline pipeline;
  runner::Stage stage{"smoke", {}};
  if (!arguments.checks.empty()) {
    if (arguments.base_url.empty()) {
      throw model::UsageError("smoke --check needs --base-url", "pass --base-url https://host");
    }
    pipeline.file = "(the command line)";
    runner::Step step;
    step.name = "smoke";
    step.kind = runner::StepKind::smoke;
    for (const std::string& spec : arguments.checks) step.smoke.checks.push_back(parse_check(spec));
    apply_options(step.smoke, arguments);
    stage.steps.push_back(step);
  } else {
    pipeline = runner::read_pipeline(runner::find_pipeline_file(arguments.pipeline));
    if (arguments.stage.empty() && pipeline.stages.size() > 1) {
      throw model::UsageError("the pipeline has several stages: say which to smoke-test",
                              "pass --stage NAME, or --check with --base-url");
    }
    const runner::Stage& chosen = arguments.stage.empty()
                                      ? pipeline.stages.front()
                                      : runner::find_stage(pipeline, arguments.stage);
    stage.name = chosen.name;
    for (runner::Step step : chosen.steps) {
      if (step.kind != runner::StepKind::smoke) continue;
      apply_options(step.smoke, arguments);
      stage.steps.push_back(step);
    }
    if (stage.steps.empty()) {
      throw model::UsageError("stage " + stage.name + " has no smoke step",
                              "add one (kind = \"smoke\"), or pass --check and --base-url");
    }
  }
  runner::mask_environment_secrets(pipeline);
  return runner::run_stage(pipeline, stage, std::cout);
}

}  // namespace

CommandRunner add_smoke_command(CLI::App& app) {
  auto arguments = std::make_shared<SmokeArguments>();
  CLI::App* command =
      app.add_subcommand("smoke", "run only the smoke checks of a pipeline against a base URL");
  command->add_option("pipeline", arguments->pipeline,
                      "the pipeline whose smoke steps run (default: the current folder)");
  command->add_option("--stage", arguments->stage, "the stage whose smoke steps run");
  command->add_option("--base-url", arguments->base_url,
                      "http(s)://host[:port][/prefix]: replaces the steps' base_url");
  command->add_option("--check", arguments->checks,
                      "a check \"[METHOD] PATH [STATUS]\" (repeatable); no pipeline is read");
  command->add_option("--header", arguments->headers, "\"Name: value\" sent with every check");
  command->add_option("--deadline", arguments->deadline,
                      "seconds a failing check is retried (default: the step's, else 60)")
      ->check(CLI::Range(0.0, 365.0 * 24 * 3600));  // a year at most, as in the file
  command->add_option("--ca-file", arguments->ca_file, "HTTPS: the CA certificate to trust");
  command->add_flag("--insecure", arguments->insecure, "HTTPS: do not verify the certificate");
  return [arguments] { return run_smoke(*arguments); };
}

}  // namespace migsafe::cli
