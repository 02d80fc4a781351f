#include "dbdrivers/scratch.hpp"

#include <optional>

#include "dbdrivers/docker/compose_scratch.hpp"
#include "dbdrivers/postgres/scratch_cluster.hpp"
#include "dbdrivers/postgres/scratch_database.hpp"
#include "dbdrivers/sqlite/scratch_file.hpp"
#include "model/dialect.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers {

std::unique_ptr<ScratchDatabase> create_scratch(const ScratchRequest& request) {
  const std::string& db = request.db;
  // A dialect's name asks for a local scratch of that dialect.
  const std::optional<model::Dialect> local = model::parse_dialect(db);
  if (local == model::Dialect::sqlite) return sqlite::create_scratch_file();
  if (local == model::Dialect::postgresql) return postgres::create_scratch_cluster(request.pg_bin);
  if (db == "docker") return docker::create_compose_scratch();
  if (model::dialect_of_url(db) == model::Dialect::postgresql) {
    return postgres::create_scratch_database(parse_database_url(db));
  }
  throw model::UsageError("--db '" + mask_passwords(db) + "' is not a database migsafe can use",
                          "use --db sqlite, postgres, docker or a server URL such as "
                          "postgresql://user:password@host:5432/postgres");
}

std::unique_ptr<ScratchDatabase> create_sibling_scratch(const ScratchDatabase& database) {
  if (database.dialect() == model::Dialect::sqlite) return sqlite::create_scratch_file();
  // Through the server's `postgres` database, as the first one was made: its reaper must
  // not need the first database, which may be dropped at the same moment.
  return postgres::create_scratch_database(database.url().with_database("postgres"));
}

}  // namespace migsafe::dbdrivers
