// The memory of the last reflection on a kept connection (dbdrivers/postgres/
// reflect_memory.hpp): after each change below, the reflection that reads only the
// tables whose catalog rows changed must equal a full one, and read no more tables
// than the change reached. The changes are those that alter what reflection shows of a
// table without writing that table's own rows: objects renamed that defaults, checks and
// foreign keys name, rows deleted, a transaction rolled back.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dbdrivers/reflect.hpp"
#include "dbdrivers/reuse_connections.hpp"
#include "tests/dbdrivers/reflect/postgres_reflect_fixture.hpp"
#include "tests/dbdrivers/reflect/schema_text.hpp"

namespace migsafe::dbdrivers {
namespace {

class ReflectMemory : public PostgresReflect {
 protected:
  // The same database through a URL no connection is kept for: read in full.
  DatabaseUrl unkept_url() const {
    DatabaseUrl other = url();
    other.query["application_name"] = "migsafe_full_reflection";
    return other;
  }
  ReflectOptions options() const {
    ReflectOptions options;
    options.schemas = {"public", "app"};
    return options;
  }
};

const char* const shop_ddl = R"(
  CREATE SCHEMA app;
  CREATE TYPE plate_state AS ENUM ('new', 'active');
  CREATE TYPE address AS (street text, city text);
  CREATE SEQUENCE order_seq;
  CREATE FUNCTION positive(numeric) RETURNS boolean IMMUTABLE LANGUAGE sql AS 'SELECT $1 > 0';
  CREATE TABLE owners (id serial PRIMARY KEY, email text NOT NULL UNIQUE, name text);
  CREATE TABLE plates (
    id serial PRIMARY KEY,
    owner_id integer REFERENCES owners (id),
    number text NOT NULL,
    state plate_state NOT NULL DEFAULT 'new',
    previous_state plate_state DEFAULT 'active',
    order_no integer DEFAULT nextval('order_seq'),
    price numeric CONSTRAINT ck_price CHECK (positive(price)));
  CREATE INDEX ix_plates_number ON plates (lower(number));
  CREATE TABLE tags (id integer PRIMARY KEY, label text, home address, self owners);
  CREATE TABLE app.audit (id integer PRIMARY KEY, plate_id integer REFERENCES public.plates (id));
  CREATE TABLE filler_1 (v integer); CREATE TABLE filler_2 (v integer);
  CREATE TABLE filler_3 (v integer); CREATE TABLE filler_4 (v integer);
  CREATE TABLE filler_5 (v integer); CREATE TABLE filler_6 (v integer);
)";

struct Change {
  const char* what;
  const char* sql;  // "" for none
  int most_tables_read;  // -1: any number (something every table may name changed)
};

const std::vector<Change> changes = {
    {"nothing", "", 0},
    {"a column added", "ALTER TABLE tags ADD COLUMN color text", 1},
    {"a column comment", "COMMENT ON COLUMN tags.label IS 'shown'", 1},
    {"the comment removed: a row deleted, nothing written",
     "COMMENT ON COLUMN tags.label IS NULL", 1},
    {"a referred table changed: its referrers read too",
     "ALTER TABLE owners ADD COLUMN nick text", 2},
    {"a referred column renamed", "ALTER TABLE owners RENAME COLUMN id TO owner_id", 2},
    {"a referred table renamed", "ALTER TABLE plates RENAME TO car_plates", 2},
    {"an index renamed", "ALTER INDEX ix_plates_number RENAME TO ix_plates_lower_number", 2},
    {"an index dropped", "DROP INDEX ix_plates_lower_number", 2},
    {"a foreign key dropped", "ALTER TABLE app.audit DROP CONSTRAINT audit_plate_id_fkey", 1},
    {"a default dropped", "ALTER TABLE car_plates ALTER COLUMN state DROP DEFAULT", 1},
    {"a constraint renamed", "ALTER TABLE car_plates RENAME CONSTRAINT ck_price TO ck_price_positive",
     1},
    {"a sequence a default names renamed", "ALTER SEQUENCE order_seq RENAME TO order_number_seq",
     -1},
    {"a column's enum renamed", "ALTER TYPE plate_state RENAME TO plate_status", -1},
    {"an enum value added", "ALTER TYPE plate_status ADD VALUE 'stolen'", -1},
    {"an enum value a default names renamed", "ALTER TYPE plate_status RENAME VALUE 'active' TO 'in_use'",
     -1},
    {"a composite type a column has renamed", "ALTER TYPE address RENAME TO postal_address", -1},
    {"a table whose row type a column has renamed", "ALTER TABLE owners RENAME TO people", -1},
    {"a function a check calls replaced",
     "CREATE OR REPLACE FUNCTION positive(numeric) RETURNS boolean IMMUTABLE LANGUAGE sql "
     "AS 'SELECT $1 >= 0'",
     -1},
    {"a function a check calls renamed", "ALTER FUNCTION positive(numeric) RENAME TO is_positive",
     -1},
    {"a rolled back change", "BEGIN; ALTER TABLE tags DROP COLUMN label; ROLLBACK", 0},
    {"a table dropped and made again",
     "DROP TABLE tags; CREATE TABLE tags (id bigint PRIMARY KEY, label text)", 1},
    {"a type change that rewrites", "ALTER TABLE filler_1 ALTER COLUMN v TYPE bigint", 1},
    {"a new table referring to one", "CREATE TABLE stickers (id integer, tag_id bigint REFERENCES tags (id))",
     2},
    {"a schema renamed", "ALTER SCHEMA app RENAME TO app_old", -1},
    {"most tables changed: all read",
     "ALTER TABLE filler_1 ADD COLUMN w int; ALTER TABLE filler_2 ADD COLUMN w int;"
     "ALTER TABLE filler_3 ADD COLUMN w int; ALTER TABLE filler_4 ADD COLUMN w int;"
     "ALTER TABLE filler_5 ADD COLUMN w int; ALTER TABLE filler_6 ADD COLUMN w int",
     -1},
};

TEST_P(ReflectMemory, ReadsAgainOnlyWhatChangedAndSeesWhatAFullReadSees) {
  exec(shop_ddl);
  ReuseConnections keep(url());
  ReflectStats first;
  reflect(url(), options(), &first);
  EXPECT_EQ(first.tables_read, 10);
  for (const Change& change : changes) {
    SCOPED_TRACE(change.what);
    if (*change.sql) exec(change.sql);
    ReflectStats remembering;
    const model::Schema kept = reflect(url(), options(), &remembering);
    ReflectStats full;
    EXPECT_EQ(schema_text(kept), schema_text(reflect(unkept_url(), options(), &full)));
    EXPECT_EQ(full.tables_read, static_cast<int>(kept.tables.size()));
    if (change.most_tables_read >= 0) {
      EXPECT_LE(remembering.tables_read, change.most_tables_read);
    }
  }
}

// Nothing is remembered without a kept connection: a one-off read has no last one.
TEST_P(ReflectMemory, WithoutAKeptConnectionEveryReadIsFull) {
  exec(shop_ddl);
  ReflectStats first;
  ReflectStats second;
  reflect(url(), options(), &first);
  reflect(url(), options(), &second);
  EXPECT_EQ(first.tables_read, 10);
  EXPECT_EQ(second.tables_read, 10);
  EXPECT_EQ(first.queries, second.queries);
}

// Another database at the same URL (the scratch database dropped and made again) is
// read in full: its oids and row versions say nothing about the old one's.
TEST_P(ReflectMemory, ANewDatabaseAtTheSameUrlIsReadInFull) {
  exec(shop_ddl);
  ReuseConnections keep(url());
  reflect(url(), options());
  const std::string name = url().database;
  {
    pqxx::connection admin{url().with_database("template1").libpq_uri()};
    pqxx::nontransaction tx{admin};
    tx.exec("DROP DATABASE " + tx.quote_name(name) + " WITH (FORCE)");
    tx.exec("CREATE DATABASE " + tx.quote_name(name) + " TEMPLATE template0");
  }
  exec("CREATE TABLE tags (id integer PRIMARY KEY, label text, color text)");
  ReflectStats again;
  const model::Schema schema = reflect(url(), options(), &again);
  EXPECT_EQ(again.tables_read, 1);
  EXPECT_EQ(schema_text(schema), schema_text(reflect(unkept_url(), options())));
}

INSTANTIATE_TEST_SUITE_P(Versions, ReflectMemory, ::testing::Values(pg17_bin, pg15_bin),
                         [](const auto& info) { return info.param == pg17_bin ? "pg17" : "pg15"; });

}  // namespace
}  // namespace migsafe::dbdrivers
