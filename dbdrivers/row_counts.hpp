#pragma once

#include <map>
#include <string>

#include "dbdrivers/database_url.hpp"
#include "dbdrivers/server_version.hpp"

namespace migsafe::dbdrivers {

// The number of rows of every user table, read-only. Keys are table names; on
// PostgreSQL, tables outside `public` are "schema.table" (system schemas skipped; a
// partitioned table counts its partitions' rows once). alembic_version is left out.
// Throws model::EnvironmentError when the database cannot be read.
std::map<std::string, long long> count_rows(const DatabaseUrl& url);

}  // namespace migsafe::dbdrivers
