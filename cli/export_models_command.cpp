#include <CLI/CLI.hpp>
#include <fstream>

#include "analyzer/expand_contract/models_at_ref.hpp"
#include "cli/commands.hpp"
#include "model/error.hpp"

namespace migsafe::cli {
namespace {

struct ExportArguments {
  std::string project;
  std::string dialect = "postgresql";
  std::string metadata;
  std::string output;
  std::string url_env_var = "DATABASE_URL";
};

int run_export_models(const ExportArguments& arguments) {
  analyzer::expand_contract::ModelsAtRefRequest request;
  request.ini = arguments.project;
  request.dialect = model::parse_dialect(arguments.dialect).value_or(model::Dialect::postgresql);
  request.metadata_spec = arguments.metadata;
  request.url_env_var = arguments.url_env_var;
  const std::string json = analyzer::expand_contract::export_models_json(request);
  std::ofstream out(arguments.output);
  out << json;
  if (!out.flush()) {
    throw model::EnvironmentError("cannot write " + arguments.output, "check the folder is writable");
  }
  return 0;
}

}  // namespace

// Not for users (no group: --help does not list it): the second process of
// `check --base-ref`, which exports the models of an older checkout in an interpreter
// of its own (analyzer/expand_contract/models_at_ref.hpp).
CommandRunner add_export_models_command(CLI::App& app) {
  auto arguments = std::make_shared<ExportArguments>();
  CLI::App* command = app.add_subcommand("export-models", "the models' schema as JSON (internal)");
  command->group("");
  command->add_option("project", arguments->project)->required();
  command->add_option("--dialect", arguments->dialect);
  command->add_option("--metadata", arguments->metadata);
  command->add_option("--output", arguments->output)->required();
  command->add_option("--url-env", arguments->url_env_var);
  return [arguments] { return run_export_models(*arguments); };
}

}  // namespace migsafe::cli
