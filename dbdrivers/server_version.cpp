#include "dbdrivers/server_version.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <pqxx/pqxx>

#include "dbdrivers/postgres/connection_error.hpp"

namespace migsafe::dbdrivers {

std::string server_version(const DatabaseUrl& url) {
  if (url.dialect() == Dialect::sqlite) return SQLite::getLibVersion();
  try {
    pqxx::connection connection{postgres::with_connect_timeout(url).libpq_uri()};
    pqxx::nontransaction tx{connection};
    std::string version = tx.exec1("SHOW server_version")[0].as<std::string>();
    return version.substr(0, version.find(' '));  // "15.20 (Debian 15.20-0+deb12u1)"
  } catch (const std::exception& e) {
    throw postgres::connection_error(url, e.what());
  }
}

}  // namespace migsafe::dbdrivers
