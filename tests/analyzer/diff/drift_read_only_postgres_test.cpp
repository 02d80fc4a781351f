// run_drift against a PostgreSQL 17 database holding data leaves it byte-for-byte unchanged.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "analyzer/drift.hpp"
#include "tests/analyzer/diff/drift_support.hpp"

namespace migsafe::analyzer::diff::test {
namespace {

const char* const rows =
    "INSERT INTO owners (id, email, name) VALUES (1, 'a@example.com', 'A'), (2, 'b@example.com', NULL);"
    "INSERT INTO plates (owner_id, number, state, price, note) VALUES (1, 'AB-1', 'active', 10.5, 'n'),"
    " (2, 'CD-2', 'new', NULL, NULL);"
    "INSERT INTO orders (id, plate_id, placed) VALUES (1, NULL, '2026-01-01');";

// Every row of every table, and the catalog entries of the schema: OIDs, relfilenodes
// (a rewrite changes them), definitions, and the sequences' positions.
std::string postgres_fingerprint(const dbdrivers::DatabaseUrl& url) {
  pqxx::connection connection{url.libpq_uri()};
  pqxx::nontransaction tx{connection};
  std::string out;
  for (const char* table : {"owners", "plates", "orders", "alembic_version"})
    out += tx.exec1(std::string("SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM ") +
                    table + " t")[0]
               .as<std::string>();
  out += tx.exec1("SELECT md5(string_agg(format('%s %s %s %s %s %s', c.oid, c.relname, c.relfilenode, c.relkind, "
                  "c.reltuples, obj_description(c.oid)), ',' ORDER BY c.oid)) FROM pg_class c "
                  "WHERE c.relnamespace = 'public'::regnamespace")[0]
             .as<std::string>();
  out += tx.exec1("SELECT md5(string_agg(conname || pg_get_constraintdef(oid), ',' ORDER BY oid)) "
                  "FROM pg_constraint WHERE connamespace = 'public'::regnamespace")[0]
             .as<std::string>();
  out += tx.exec1("SELECT md5(string_agg(format('%s %s %s %s', attrelid, attname, atttypid, attnotnull), ',' "
                  "ORDER BY attrelid, attnum)) FROM pg_attribute WHERE attrelid IN "
                  "(SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace)")[0]
             .as<std::string>();
  out += tx.exec1("SELECT last_value || ',' || is_called FROM order_number_seq")[0].as<std::string>();
  out += tx.exec1("SELECT last_value || ',' || is_called FROM plates_id_seq")[0].as<std::string>();
  return out;
}

TEST(DriftReadOnly, Postgres17DatabaseIsUnchanged) {
  auto scratch = migrated("pg17", "drift_type");
  {
    pqxx::connection connection{scratch->url().libpq_uri()};
    pqxx::nontransaction tx{connection};
    tx.exec(rows);
    tx.exec("SELECT nextval('order_number_seq')");
  }
  const std::string before = postgres_fingerprint(scratch->url());
  // drift_type's models differ from the database: a diff that finds something must
  // still not touch it.
  const auto report = run_drift(fixture("drift_type"), scratch->url().to_string());
  EXPECT_EQ(difference_headlines(report).size(), 1u);
  EXPECT_EQ(postgres_fingerprint(scratch->url()), before);
}

}  // namespace
}  // namespace migsafe::analyzer::diff::test
