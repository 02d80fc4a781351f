#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "analyzer/alembic/project.hpp"
#include "dbdrivers/database_url.hpp"
#include "dbdrivers/reflect.hpp"
#include "model/finding.hpp"
#include "model/report.hpp"

namespace migsafe::analyzer {

struct DriftOptions {
  std::string metadata_spec;                    // --metadata module:attr; empty: env.py's target_metadata
  std::vector<std::string> schemas = {"public"};  // PostgreSQL schemas to compare
  std::string check_name = "model-matches-ddl";
};

// `migsafe drift PROJECT --db URL`: compares an EXISTING database with the project's
// models without writing to it (a READ ONLY transaction on PostgreSQL, a read-only
// open on SQLite; env.py runs offline, so Alembic never connects). The report names
// the revision the database is at and whether that is a head. Throws
// model::UsageError (bad URL), model::InputError (project) or model::EnvironmentError
// (database unreachable).
// The `model-matches-ddl` check: reflects `database` (read-only) and compares it with
// the models of `project` (env.py's target_metadata, or options.metadata_spec). For
// `migsafe check` after `upgrade head` on the scratch database. `stats`, when given,
// receives the reflection's figures (alembic_version rows, server version).
std::vector<model::Finding> compare_models_to_database(const alembic::Project& project,
                                                       const dbdrivers::DatabaseUrl& database,
                                                       const DriftOptions& options = {},
                                                       dbdrivers::ReflectStats* stats = nullptr);

model::Report run_drift(const std::filesystem::path& project, const std::string& database_url,
                        const DriftOptions& options = {});

}  // namespace migsafe::analyzer
