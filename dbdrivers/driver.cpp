#include "dbdrivers/driver.hpp"

#include "dbdrivers/postgres/driver.hpp"
#include "dbdrivers/sqlite/driver.hpp"

namespace migsafe::dbdrivers {

const Driver& driver_for(model::Dialect dialect) {
  static const postgres::PostgresDriver postgresql;
  static const sqlite::SqliteDriver sqlite;
  switch (dialect) {
    case model::Dialect::postgresql:
      return postgresql;
    case model::Dialect::sqlite:
      return sqlite;
  }
  return postgresql;  // not reached: the switch covers every dialect
}

const Driver& driver_for(const DatabaseUrl& url) { return driver_for(url.dialect()); }

model::EnvironmentError reset_error(const DatabaseUrl& scratch, const std::string& reason) {
  return model::EnvironmentError(
      "could not empty the scratch database " + scratch.display() + ": " + mask_passwords(reason),
      "check that the server is still running and the user may create databases");
}

}  // namespace migsafe::dbdrivers
