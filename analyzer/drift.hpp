#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "analyzer/models_vs_database.hpp"
#include "model/report.hpp"

namespace migsafe::analyzer {

// drift compares the models with an existing database exactly as the
// model-matches-ddl check does with the scratch one.
using DriftOptions = ModelsVsDatabaseOptions;

// `migsafe drift PROJECT --db URL`: compares an EXISTING database with the project's
// models without writing to it (a READ ONLY transaction on PostgreSQL, a read-only
// open on SQLite; env.py runs offline, so Alembic never connects). The report names
// the revision the database is at and whether that is a head. Throws
// model::UsageError (bad URL), model::InputError (project) or model::EnvironmentError
// (database unreachable).
model::Report run_drift(const std::filesystem::path& project, const std::string& database_url,
                        const DriftOptions& options = {});

}  // namespace migsafe::analyzer
