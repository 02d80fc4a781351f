#pragma once

#include <string>
#include <vector>

#include "analyzer/alembic/project.hpp"
#include "dbdrivers/database_url.hpp"
#include "dbdrivers/reflect.hpp"
#include "model/finding.hpp"

namespace migsafe::analyzer {

struct ModelsVsDatabaseOptions {
  std::string metadata_spec;  // --metadata module:attr; empty: env.py's target_metadata
  std::vector<std::string> schemas = {"public"};  // PostgreSQL schemas to compare
  std::string check_name = "model-matches-ddl";
  std::string version_table = "alembic_version";  // Alembic's bookkeeping: on neither side
};

// The one comparison of the project's models with a database, for `migsafe drift` (an
// existing database) and the model-matches-ddl check (the scratch database after
// `upgrade head`): reflects `database` read-only on one thread while the models are
// exported on this one, then diffs them. `stats`, when given, receives the
// reflection's figures (version rows, server version).
std::vector<model::Finding> compare_models_to_database(const alembic::Project& project,
                                                       const dbdrivers::DatabaseUrl& database,
                                                       const ModelsVsDatabaseOptions& options = {},
                                                       dbdrivers::ReflectStats* stats = nullptr);

}  // namespace migsafe::analyzer
