#include "dbdrivers/reset_database.hpp"

#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>

#include "model/error.hpp"

namespace migsafe::dbdrivers {
namespace {

void reset_sqlite(const DatabaseUrl& scratch) {
  std::error_code ignored;
  for (const char* suffix : {"-journal", "-wal", "-shm"}) {
    std::filesystem::remove(scratch.database + suffix, ignored);
  }
  // An empty file is an empty database; keeping the file keeps read-only opens working.
  std::ofstream truncate(scratch.database, std::ios::trunc);
}

void reset_postgres(const DatabaseUrl& scratch) {
  // A database cannot drop itself: work from another one on the same server.
  const std::string maintenance = scratch.database == "template1" ? "postgres" : "template1";
  pqxx::connection connection(scratch.with_database(maintenance).libpq_uri());
  pqxx::nontransaction work(connection);
  const std::string name = work.quote_name(scratch.database);
  work.exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  work.exec("CREATE DATABASE " + name);
}

}  // namespace

void reset_database(const DatabaseUrl& scratch) {
  try {
    if (scratch.dialect() == Dialect::sqlite) {
      reset_sqlite(scratch);
    } else {
      reset_postgres(scratch);
    }
  } catch (const std::exception& error) {
    throw model::EnvironmentError(
        "could not empty the scratch database " + scratch.display() + ": " +
            mask_passwords(error.what()),
        "check that the server is still running and the user may create databases");
  }
}

}  // namespace migsafe::dbdrivers
