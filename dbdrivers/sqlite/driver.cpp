#include "dbdrivers/sqlite/driver.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "dbdrivers/sqlite/row_hash.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers::sqlite {
namespace {

constexpr const char* alembic_table = "alembic_version";

}  // namespace

void SqliteDriver::check_connection(const DatabaseUrl& url) const {
  try {
    SQLite::Database db(url.database, SQLite::OPEN_READONLY);
  } catch (const SQLite::Exception& e) {
    throw model::EnvironmentError("cannot open " + url.display() + ": " + e.what(),
                                  "check that the SQLite file exists and is readable");
  }
}

void SqliteDriver::reset(const DatabaseUrl& scratch) const {
  try {
    std::error_code ignored;
    for (const char* suffix : {"-journal", "-wal", "-shm"}) {
      std::filesystem::remove(scratch.database + suffix, ignored);
    }
    std::ofstream truncate(scratch.database, std::ios::trunc);
  } catch (const std::exception& error) {
    throw reset_error(scratch, error.what());
  }
}

ContentsByTable SqliteDriver::read_table_contents(const DatabaseUrl& url) const {
  ContentsByTable contents;
  try {
    SQLite::Database db(url.database, SQLite::OPEN_READONLY);
    SQLite::Statement tables(db,
                             "SELECT name FROM sqlite_master WHERE type = 'table' "
                             "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> ?");
    tables.bind(1, alembic_table);
    std::vector<std::string> names;
    while (tables.executeStep()) names.push_back(tables.getColumn(0).getString());
    for (const auto& name : names) {
      std::string quoted = "\"";
      for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
      // SQLite runs in this process: stepping the rows here sends nothing anywhere, and
      // hashing in C++ needs no SQL function registered on a read-only connection.
      SQLite::Statement rows(db, "SELECT * FROM " + quoted + "\"");
      TableContents& table = contents[name];
      while (rows.executeStep()) {
        ++table.rows;
        table.content_hash += hash_current_row(rows);  // wraps mod 2^64, as intended
      }
    }
  } catch (const SQLite::Exception& e) {
    throw model::EnvironmentError("cannot read the rows of " + url.database + ": " + e.what(),
                                  "check that the file is a SQLite database migsafe may read");
  }
  return contents;
}

std::vector<std::string> SqliteDriver::applied_revisions(const DatabaseUrl& url,
                                                         const std::string& /*schema*/,
                                                         const std::string& version_table) const {
  std::vector<std::string> revisions;
  try {
    SQLite::Database db(url.database, SQLite::OPEN_READONLY);
    if (!db.tableExists(version_table)) return revisions;
    std::string quoted = "\"";
    for (char c : version_table) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    SQLite::Statement rows(db, "SELECT version_num FROM " + quoted + "\"");
    while (rows.executeStep()) revisions.push_back(rows.getColumn(0).getString());
  } catch (const SQLite::Exception& e) {
    throw model::EnvironmentError("cannot read " + version_table + " in " + url.database + ": " +
                                  e.what());
  }
  std::sort(revisions.begin(), revisions.end());
  return revisions;
}

std::string SqliteDriver::server_version(const DatabaseUrl& /*url*/) const {
  return SQLite::getLibVersion();
}

}  // namespace migsafe::dbdrivers::sqlite
