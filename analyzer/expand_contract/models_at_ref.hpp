#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "model/dialect.hpp"
#include "model/schema.hpp"

namespace migsafe::analyzer::expand_contract {

struct ModelsAtRefRequest {
  std::filesystem::path ini;  // the project's alembic.ini, in the work tree
  std::string ref;            // the git ref (--base-ref)
  std::string metadata_spec;  // --metadata module:attr; empty: env.py's target_metadata
  model::Dialect dialect = model::Dialect::postgresql;
  std::string url_env_var = "DATABASE_URL";
};

// The schema the project's models declared at a git ref: the old code's. The files at
// the ref are checked out in a temporary git worktree (removed after) and exported by a
// second migsafe process (`migsafe export-models`, its own embedded interpreter), so two
// versions of one module never meet in one interpreter. Nullopt when the project did not
// exist at the ref: no old code maps anything. Throws model::InputError when git or the
// export fails (with the export's own error).
std::optional<model::Schema> models_at_ref(const ModelsAtRefRequest& request);

// The other half, in the second process: the export's JSON for the project at
// `request.ini` (`request.ref` unused). Throws model::InputError as the export does.
std::string export_models_json(const ModelsAtRefRequest& request);

}  // namespace migsafe::analyzer::expand_contract
