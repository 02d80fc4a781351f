#include "analyzer/expand_contract/models_at_ref.hpp"

#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analyzer/alembic/model_schema.hpp"
#include "analyzer/lint/git_changes.hpp"
#include "analyzer/this_program.hpp"
#include "dbdrivers/database_url.hpp"
#include "dbdrivers/os/command.hpp"
#include "model/error.hpp"

namespace migsafe::analyzer::expand_contract {

namespace fs = std::filesystem;

namespace {

// A git worktree of `ref` in a new temporary folder, removed (and unregistered from the
// user's repository) when this goes out of scope, however the export ended.
class TemporaryWorktree {
 public:
  TemporaryWorktree(const fs::path& repository, const std::string& ref) : repository_(repository) {
    std::string pattern = (fs::temp_directory_path() / "migsafe-base-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw model::EnvironmentError("cannot create a temporary folder for the models at " + ref,
                                    "check that $TMPDIR exists and is writable");
    }
    folder_ = pattern;
    tree_ = folder_ / "tree";
    try {
      lint::run_git(repository_, {"worktree", "add", "--quiet", "--detach", tree_.string(), ref});
    } catch (...) {
      std::error_code ec;
      fs::remove_all(folder_, ec);
      throw;
    }
  }
  ~TemporaryWorktree() {
    try {
      lint::run_git(repository_, {"worktree", "remove", "--force", tree_.string()});
    } catch (...) {  // NOLINT(bugprone-empty-catch): git forgets a worktree whose folder is gone
    }
    std::error_code ec;
    fs::remove_all(folder_, ec);
  }
  TemporaryWorktree(const TemporaryWorktree&) = delete;
  TemporaryWorktree& operator=(const TemporaryWorktree&) = delete;

  const fs::path& tree() const { return tree_; }
  const fs::path& folder() const { return folder_; }

 private:
  fs::path repository_;
  fs::path folder_;
  fs::path tree_;
};

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::optional<model::Schema> models_at_ref(const ModelsAtRefRequest& request) {
  const fs::path ini = fs::weakly_canonical(request.ini);
  const fs::path top = fs::weakly_canonical(lint::work_tree_top(ini.parent_path()));
  const TemporaryWorktree worktree(top, request.ref);
  const fs::path old_ini = worktree.tree() / ini.lexically_relative(top);
  if (!fs::exists(old_ini)) return std::nullopt;

  const fs::path output = worktree.folder() / "models.json";
  dbdrivers::os::Command command;
  command.argv = {this_program().string(), "export-models", old_ini.string(),
                  "--dialect",             std::string(model::dialect_name(request.dialect)),
                  "--output",              output.string(),
                  "--url-env",             request.url_env_var};
  if (!request.metadata_spec.empty()) {
    command.argv.insert(command.argv.end(), {"--metadata", request.metadata_spec});
  }
  // Where the project's own relative paths (prepend_sys_path = .) expect to start.
  std::error_code ec;
  const fs::path here = fs::current_path(ec);
  const fs::path inside = ec ? fs::path() : here.lexically_relative(top);
  command.cwd = !inside.empty() && *inside.begin() != ".." && fs::is_directory(worktree.tree() / inside)
                    ? worktree.tree() / inside
                    : old_ini.parent_path();
  const dbdrivers::os::CommandResult result = dbdrivers::os::run_command(command);
  if (!result.ok()) {
    // Only the end, where the error is; masked like everything migsafe prints.
    const std::string output = result.output.size() > 2000
                                   ? "..." + result.output.substr(result.output.size() - 2000)
                                   : result.output;
    throw model::InputError("the models at " + request.ref + " could not be read: " +
                                dbdrivers::mask_passwords(output),
                            "--base-ref names the release deployed now; its models must import "
                            "(or pass --since REV to name the new revisions without old models)");
  }
  return alembic::parse_model_json(read_text(output));
}

std::string export_models_json(const ModelsAtRefRequest& request) {
  alembic::ProjectOptions options;
  options.url_env_var = request.url_env_var;
  alembic::Project project(request.ini, options);
  // env.py reads the URL to pick its dialect; every connection it would open is refused.
  project.set_offline_url(request.dialect == model::Dialect::sqlite
                              ? "sqlite://"
                              : "postgresql://migsafe@localhost/migsafe_models");
  const std::string dialect(model::dialect_name(request.dialect));
  if (request.metadata_spec.empty() && !project.has_models(dialect)) {
    throw model::InputError(
        "env.py of " + request.ini.string() + " hands Alembic no target_metadata, so the "
        "models of the code deployed there are not known",
        "pass --metadata module:attr, or --deploy-order code-first (which needs no old models)");
  }
  const nlohmann::json export_request{{"metadata", request.metadata_spec}, {"dialect", dialect}};
  return project.export_models(export_request.dump());
}

}  // namespace migsafe::analyzer::expand_contract
