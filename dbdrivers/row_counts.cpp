#include "dbdrivers/row_counts.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <pqxx/pqxx>

#include "dbdrivers/postgres/connection_error.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers {
namespace {

constexpr const char* alembic_table = "alembic_version";

std::map<std::string, long long> count_sqlite(const DatabaseUrl& url) {
  std::map<std::string, long long> counts;
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
      SQLite::Statement count(db, "SELECT count(*) FROM " + quoted + "\"");
      count.executeStep();
      counts[name] = count.getColumn(0).getInt64();
    }
  } catch (const SQLite::Exception& e) {
    throw model::EnvironmentError("cannot count the rows of " + url.database + ": " + e.what(),
                                  "check that the file is a SQLite database migsafe may read");
  }
  return counts;
}

std::map<std::string, long long> count_postgres(const DatabaseUrl& url) {
  std::map<std::string, long long> counts;
  try {
    pqxx::connection connection{postgres::with_connect_timeout(url).libpq_uri()};
    pqxx::read_transaction tx{connection};
    auto tables = tx.exec_params(
        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> $1 "
        "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
        "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%' "
        "ORDER BY 1, 2",
        std::string(alembic_table));
    for (const auto& row : tables) {
      std::string schema = row[0].as<std::string>();
      std::string table = row[1].as<std::string>();
      auto count = tx.exec1("SELECT count(*) FROM " + tx.quote_name(schema) + "." +
                            tx.quote_name(table));
      counts[schema == "public" ? table : schema + "." + table] = count[0].as<long long>();
    }
  } catch (const pqxx::broken_connection& e) {
    throw postgres::connection_error(url, e.what());
  } catch (const std::exception& e) {
    throw model::EnvironmentError(
        "cannot count the rows of the tables in " + url.display() + ": " +
            postgres::scrub(url, e.what()),
        "check that the URL's user may read every table");
  }
  return counts;
}

}  // namespace

std::map<std::string, long long> count_rows(const DatabaseUrl& url) {
  return url.dialect() == Dialect::sqlite ? count_sqlite(url) : count_postgres(url);
}

}  // namespace migsafe::dbdrivers
