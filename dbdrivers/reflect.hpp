#pragma once

#include <string>
#include <vector>

#include "dbdrivers/database_url.hpp"
#include "model/schema.hpp"

namespace migsafe::dbdrivers {

struct ReflectOptions {
  // PostgreSQL schemas to read; tables in `default_schema` get an empty Table::schema,
  // as the models spell them. Ignored on SQLite.
  std::vector<std::string> schemas = {"public"};
  std::string default_schema = "public";
  // Tables never reported (Alembic's own bookkeeping).
  std::vector<std::string> exclude_tables = {"alembic_version"};
  // Alembic's version table (env.py's version_table), whose rows ReflectStats reports.
  std::string version_table = "alembic_version";
};

// What reflection saw besides the schema. `queries` counts every statement sent: it
// is the same whatever the table count (a test holds us to it).
struct ReflectStats {
  int queries = 0;
  // Tables whose columns, constraints and indexes were read from the catalogs; on a
  // kept PostgreSQL connection the others come unchanged from the last reflection.
  int tables_read = 0;
  std::string server_version;  // "17.10", "3.40.1"
  bool has_alembic_version = false;
  std::vector<std::string> alembic_revisions;  // rows of the version table, sorted
};

// Reads the schema of an existing database without writing to it: PostgreSQL through a
// READ ONLY transaction on a session whose default_transaction_read_only is on, SQLite
// opened read-only. Set-based: a fixed number of catalog queries, no recursion over
// foreign keys. Throws model::EnvironmentError when the database cannot be read
// (message masks passwords).
// The work is the dialect's Driver's (dbdrivers/driver.hpp).
model::Schema reflect(const DatabaseUrl& url, const ReflectOptions& options = {},
                      ReflectStats* stats = nullptr);

}  // namespace migsafe::dbdrivers
