#pragma once

#include <filesystem>
#include <string>
#include <vector>

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
model::Report run_drift(const std::filesystem::path& project, const std::string& database_url,
                        const DriftOptions& options = {});

}  // namespace migsafe::analyzer
