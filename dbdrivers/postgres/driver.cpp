#include "dbdrivers/postgres/driver.hpp"

#include <algorithm>
#include <pqxx/pqxx>

#include "dbdrivers/postgres/connection_error.hpp"
#include "dbdrivers/postgres/reading_connection.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers::postgres {
namespace {

constexpr const char* alembic_table = "alembic_version";

}  // namespace

void PostgresDriver::check_connection(const DatabaseUrl& url) const {
  try {
    pqxx::connection connection{with_connect_timeout(url).libpq_uri()};
  } catch (const std::exception& e) {
    throw connection_error(url, e.what());
  }
}

void PostgresDriver::reset(const DatabaseUrl& scratch) const {
  try {
    // A database cannot drop itself: work from another one on the same server. Not from
    // template1: while a session is on it, copies of it fail ("source database template1
    // is being accessed by other users"), so a parallel run's CREATE DATABASE would.
    close_reading_connection(scratch);
    const std::string maintenance = scratch.database == "postgres" ? "template1" : "postgres";
    pqxx::connection connection(scratch.with_database(maintenance).libpq_uri());
    pqxx::nontransaction work(connection);
    const std::string name = work.quote_name(scratch.database);
    // The mark that tells a later run whose database this is (leftover_databases.hpp).
    const pqxx::result marked = work.exec_params(
        "SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database "
        "WHERE datname = $1",
        scratch.database);
    const std::string comment = marked.empty() ? "" : marked[0][0].as<std::string>();
    work.exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    // template0 takes no connections, so nobody else's session can make the copy fail.
    work.exec("CREATE DATABASE " + name + " TEMPLATE template0");
    if (!comment.empty()) work.exec("COMMENT ON DATABASE " + name + " IS " + work.quote(comment));
  } catch (const std::exception& error) {
    throw reset_error(scratch, error.what());
  }
}

ContentsByTable PostgresDriver::read_table_contents(const DatabaseUrl& url) const {
  ContentsByTable contents;
  try {
    with_reading_connection(url, [&](pqxx::connection& connection) {
      contents.clear();
      pqxx::read_transaction tx{connection};
      auto tables = tx.exec_params(
          "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = "
          "c.relnamespace "
          "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> $1 "
          "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
          "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%' "
          "ORDER BY 1, 2",
          std::string(alembic_table));
      for (const auto& row : tables) {
        std::string schema = row[0].as<std::string>();
        std::string table = row[1].as<std::string>();
        // The server hashes each row's text form and sums the hashes: one row of two
        // numbers comes back, however big the table. ROW(t.*), not t: a column named t
        // would win over the table alias. The sum is numeric (no overflow), brought
        // into [0, 2^64) so it reads as an unsigned 64-bit number.
        auto read = tx.exec1(
            "SELECT count(*), ((coalesce(sum(hashtextextended(ROW(t.*)::text, 0)), 0)"
            " % 18446744073709551616) + 18446744073709551616) % 18446744073709551616 FROM " +
            tx.quote_name(schema) + "." + tx.quote_name(table) + " AS t");
        contents[schema == "public" ? table : schema + "." + table] =
            TableContents{read[0].as<long long>(), std::stoull(read[1].as<std::string>())};
      }
    });
  } catch (const pqxx::broken_connection& e) {
    throw connection_error(url, e.what());
  } catch (const std::exception& e) {
    throw model::EnvironmentError(
        "cannot read the rows of the tables in " + url.display() + ": " + scrub(url, e.what()),
        "check that the URL's user may read every table");
  }
  return contents;
}

std::vector<std::string> PostgresDriver::applied_revisions(const DatabaseUrl& url,
                                                           const std::string& schema,
                                                           const std::string& version_table) const {
  std::vector<std::string> revisions;
  try {
    with_reading_connection(url, [&](pqxx::connection& connection) {
      revisions.clear();
      pqxx::read_transaction tx{connection};
      // to_regclass: no table yet is no revision applied, not an error.
      const auto table = tx.exec_params1(
          "SELECT to_regclass(CASE WHEN $1 = '' THEN quote_ident($2) "
          "ELSE quote_ident($1) || '.' || quote_ident($2) END)::text",
          schema, version_table)[0];
      if (table.is_null()) return;
      for (const auto& row : tx.exec("SELECT version_num FROM " + table.as<std::string>())) {
        revisions.push_back(row[0].as<std::string>());
      }
    });
  } catch (const pqxx::broken_connection& e) {
    throw connection_error(url, e.what());
  } catch (const std::exception& e) {
    throw model::EnvironmentError("cannot read " + version_table + " in " + url.display() + ": " +
                                  scrub(url, e.what()));
  }
  std::sort(revisions.begin(), revisions.end());
  return revisions;
}

void PostgresDriver::reuse_connections(const DatabaseUrl& url, bool on) const {
  keep_reading_connection(url, on);
}

void PostgresDriver::connect_now(const DatabaseUrl& url) const {
  try {
    open_reading_connection_now(url);
  } catch (const std::exception& e) {
    throw connection_error(url, e.what());
  }
}

std::string PostgresDriver::server_version(const DatabaseUrl& url) const {
  try {
    pqxx::connection connection{with_connect_timeout(url).libpq_uri()};
    pqxx::nontransaction tx{connection};
    std::string version = tx.exec1("SHOW server_version")[0].as<std::string>();
    return version.substr(0, version.find(' '));  // "15.20 (Debian 15.20-0+deb12u1)"
  } catch (const std::exception& e) {
    throw connection_error(url, e.what());
  }
}

}  // namespace migsafe::dbdrivers::postgres
