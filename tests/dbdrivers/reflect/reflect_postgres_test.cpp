// Reflection against real PostgreSQL 17 and 15 scratch clusters: DDL goes in through
// pqxx, every reflected field is checked.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "dbdrivers/reflect.hpp"
#include "dbdrivers/reuse_connections.hpp"
#include "dbdrivers/scratch.hpp"
#include "tests/dbdrivers/reflect/postgres_reflect_fixture.hpp"
#include "tests/dbdrivers/reflect/schema_text.hpp"

namespace migsafe::dbdrivers {
namespace {

using ::testing::ElementsAre;

const char* const plates_ddl = R"(
  CREATE SCHEMA app;
  CREATE TYPE plate_state AS ENUM ('new', 'active', 'retired');
  CREATE TABLE owners (id serial PRIMARY KEY, email varchar(255) NOT NULL UNIQUE, name text COLLATE "C");
  COMMENT ON TABLE owners IS 'people';
  COMMENT ON COLUMN owners.email IS 'login';
  CREATE TABLE plates (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id integer NOT NULL REFERENCES owners(id) ON DELETE CASCADE ON UPDATE SET NULL
      DEFERRABLE INITIALLY DEFERRED,
    number varchar(10) NOT NULL DEFAULT 'x',
    state plate_state NOT NULL DEFAULT 'new',
    price numeric(10,2) CONSTRAINT ck_price CHECK (price > 0),
    doubled numeric GENERATED ALWAYS AS (price * 2) STORED,
    created timestamptz DEFAULT now(),
    CONSTRAINT uq_plates_number UNIQUE NULLS NOT DISTINCT (number, owner_id)
  );
  CREATE INDEX ix_plates_live ON plates (lower(number), state) INCLUDE (price) WHERE state <> 'retired';
  CREATE UNIQUE INDEX ix_plates_owner ON plates USING btree (owner_id);
  CREATE INDEX ix_plates_hash ON plates USING hash (number);
  CREATE INDEX ix_plates_sorted ON plates (owner_id DESC, number NULLS FIRST, price DESC NULLS LAST);
  CREATE SEQUENCE order_seq START 1000 INCREMENT 5;
  CREATE TABLE app.audit (id integer PRIMARY KEY, plate_id bigint REFERENCES public.plates(id));
  CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);
  INSERT INTO alembic_version VALUES ('abc123');
)";

TEST_P(PostgresReflect, ReadsEveryField) {
  exec(plates_ddl);
  ReflectStats stats;
  const auto schema = reflect(url(), {}, &stats);
  EXPECT_EQ(stats.server_version.substr(0, 2), GetParam() == pg17_bin ? "17" : "15");
  EXPECT_THAT(stats.alembic_revisions, ElementsAre("abc123"));
  ASSERT_EQ(schema.tables.size(), 2u);  // public only; alembic_version skipped

  const auto* owners = schema.find_table("owners");
  ASSERT_NE(owners, nullptr);
  EXPECT_EQ(owners->schema, "");
  EXPECT_EQ(owners->comment.value_or(""), "people");
  const auto* id = owners->find_column("id");
  EXPECT_EQ(id->type, "integer");
  EXPECT_FALSE(id->nullable);
  EXPECT_EQ(id->server_default.value_or(""), "nextval('owners_id_seq'::regclass)");
  EXPECT_TRUE(id->autoincrement);
  EXPECT_EQ(owners->find_column("email")->type, "character varying(255)");
  EXPECT_EQ(owners->find_column("email")->comment.value_or(""), "login");
  EXPECT_EQ(owners->find_column("name")->collation.value_or(""), "C");
  EXPECT_FALSE(owners->find_column("email")->collation);
  ASSERT_TRUE(owners->primary_key);
  EXPECT_EQ(owners->primary_key->name, "owners_pkey");
  EXPECT_THAT(owners->primary_key->columns, ElementsAre("id"));
  ASSERT_EQ(owners->uniques.size(), 1u);
  EXPECT_EQ(owners->uniques[0].name, "owners_email_key");
  EXPECT_TRUE(owners->indexes.empty());  // the pkey and unique indexes are implicit

  const auto* plates = schema.find_table("plates");
  ASSERT_NE(plates, nullptr);
  EXPECT_FALSE(plates->comment);
  const auto* plate_id = plates->find_column("id");
  EXPECT_EQ(plate_id->identity.value_or(""), "always");
  EXPECT_FALSE(plate_id->server_default);
  EXPECT_EQ(plates->find_column("number")->server_default.value_or(""), "'x'::character varying");
  EXPECT_EQ(plates->find_column("state")->type, "plate_state");
  EXPECT_EQ(plates->find_column("price")->type, "numeric(10,2)");
  EXPECT_EQ(plates->find_column("doubled")->generated.value_or(""), "(price * (2)::numeric)");
  EXPECT_FALSE(plates->find_column("doubled")->server_default);
  EXPECT_EQ(plates->find_column("created")->type, "timestamp with time zone");
  EXPECT_EQ(plates->find_column("created")->server_default.value_or(""), "now()");
  ASSERT_EQ(plates->checks.size(), 1u);
  EXPECT_EQ(plates->checks[0].name, "ck_price");
  EXPECT_EQ(plates->checks[0].expression, "price > 0::numeric");
  ASSERT_EQ(plates->uniques.size(), 1u);
  EXPECT_EQ(plates->uniques[0].name, "uq_plates_number");
  EXPECT_THAT(plates->uniques[0].columns, ElementsAre("number", "owner_id"));
  EXPECT_TRUE(plates->uniques[0].nulls_not_distinct);
  ASSERT_EQ(plates->foreign_keys.size(), 1u);
  const auto& fk = plates->foreign_keys[0];
  EXPECT_EQ(fk.name, "plates_owner_id_fkey");
  EXPECT_EQ(fk.referred_schema, "");
  EXPECT_EQ(fk.referred_table, "owners");
  EXPECT_THAT(fk.columns, ElementsAre("owner_id"));
  EXPECT_THAT(fk.referred_columns, ElementsAre("id"));
  EXPECT_EQ(fk.on_delete, "CASCADE");
  EXPECT_EQ(fk.on_update, "SET NULL");
  EXPECT_TRUE(fk.deferrable);
  EXPECT_TRUE(fk.initially_deferred);
  ASSERT_EQ(plates->indexes.size(), 4u);
  const auto& hash = plates->indexes[0];
  EXPECT_EQ(hash.name, "ix_plates_hash");
  EXPECT_EQ(hash.method, "hash");
  const auto& live = plates->indexes[1];
  EXPECT_EQ(live.name, "ix_plates_live");
  EXPECT_FALSE(live.unique);
  EXPECT_EQ(live.method, "btree");
  EXPECT_THAT(live.elements, ElementsAre("lower(number::text)", "state"));
  EXPECT_THAT(live.include, ElementsAre("price"));
  EXPECT_EQ(live.predicate.value_or(""), "state <> 'retired'::plate_state");
  EXPECT_TRUE(plates->indexes[2].unique);
  EXPECT_THAT(plates->indexes[2].elements, ElementsAre("owner_id"));
  EXPECT_EQ(plates->indexes[3].name, "ix_plates_sorted");
  EXPECT_THAT(plates->indexes[3].elements,
              ElementsAre("owner_id DESC", "number NULLS FIRST", "price DESC NULLS LAST"));

  ASSERT_EQ(schema.enums.size(), 1u);
  EXPECT_EQ(schema.enums[0].name, "plate_state");
  EXPECT_THAT(schema.enums[0].labels, ElementsAre("new", "active", "retired"));
  ASSERT_EQ(schema.sequences.size(), 3u);
  EXPECT_EQ(schema.sequences[0].name, "order_seq");
  EXPECT_EQ(schema.sequences[0].start, 1000);
  EXPECT_EQ(schema.sequences[0].increment, 5);
  EXPECT_EQ(schema.sequences[0].owned_by, "");
  EXPECT_EQ(schema.sequences[1].owned_by, "owners.id");
  EXPECT_EQ(schema.sequences[2].owned_by, "plates.id");  // the identity's sequence
}

TEST_P(PostgresReflect, SchemasAreSelectable) {
  exec(plates_ddl);
  ReflectOptions options;
  options.schemas = {"public", "app"};
  const auto schema = reflect(url(), options);
  ASSERT_EQ(schema.tables.size(), 3u);
  EXPECT_EQ(schema.tables[0].schema, "app");
  EXPECT_EQ(schema.tables[0].name, "audit");
  ASSERT_EQ(schema.tables[0].foreign_keys.size(), 1u);
  EXPECT_EQ(schema.tables[0].foreign_keys[0].referred_schema, "");
  EXPECT_EQ(schema.tables[0].foreign_keys[0].referred_table, "plates");
}

// A foreign key may refer to a table whose columns the reflection did not read: one in a
// schema not asked for, or the partitions of a partitioned table (PostgreSQL adds one
// key per partition). Its columns still come out in key order, dropped columns skipped.
TEST_P(PostgresReflect, ForeignKeysToTablesNotReadKeepTheirColumns) {
  exec(R"(
    CREATE SCHEMA other;
    CREATE TABLE other.ref (gone int, a int, b int, PRIMARY KEY (b, a));
    ALTER TABLE other.ref DROP COLUMN gone;
    CREATE TABLE crossing (id int PRIMARY KEY, x int, y int,
      CONSTRAINT fk_other FOREIGN KEY (y, x) REFERENCES other.ref (b, a) ON DELETE CASCADE);
    CREATE TABLE parted (id int, k int, PRIMARY KEY (id, k)) PARTITION BY RANGE (k);
    CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (1) TO (100);
    CREATE TABLE to_parted (pid int, pk int, FOREIGN KEY (pk, pid) REFERENCES parted (k, id));
  )");
  const auto schema = reflect(url());
  ASSERT_EQ(schema.tables.size(), 3u);  // crossing, parted, to_parted: no partition

  const auto* crossing = schema.find_table("crossing");
  ASSERT_NE(crossing, nullptr);
  ASSERT_EQ(crossing->foreign_keys.size(), 1u);
  const auto& fk = crossing->foreign_keys[0];
  EXPECT_EQ(fk.referred_schema, "other");
  EXPECT_EQ(fk.referred_table, "ref");
  EXPECT_THAT(fk.columns, ElementsAre("y", "x"));
  EXPECT_THAT(fk.referred_columns, ElementsAre("b", "a"));
  EXPECT_EQ(fk.on_delete, "CASCADE");

  const auto* to_parted = schema.find_table("to_parted");
  ASSERT_NE(to_parted, nullptr);
  ASSERT_EQ(to_parted->foreign_keys.size(), 2u);
  EXPECT_EQ(to_parted->foreign_keys[0].referred_table, "parted");
  EXPECT_EQ(to_parted->foreign_keys[1].referred_table, "parted_1");
  for (const auto& key : to_parted->foreign_keys) {
    EXPECT_THAT(key.columns, ElementsAre("pk", "pid")) << key.name;
    EXPECT_THAT(key.referred_columns, ElementsAre("k", "id")) << key.name;
  }
  EXPECT_THAT(schema.find_table("parted")->primary_key->columns, ElementsAre("id", "k"));
}

// `check` reflects through one kept connection (ReuseConnections), where the catalog
// queries are prepared once; without it each reflection prepares them on a connection
// of its own. Both must read the same schema, also after DDL (the server re-plans the
// kept statements) and after the server closed the kept connection (a new one is
// opened and the statements are prepared on it again).
TEST_P(PostgresReflect, KeptConnectionReflectsWhatAFreshOneDoes) {
  exec(plates_ddl);
  ReflectOptions options;
  options.schemas = {"public", "app"};
  const std::string fresh = schema_text(reflect(url(), options));
  ASSERT_NE(fresh.find("ix_plates_sorted"), std::string::npos);

  std::string kept_after_ddl;
  {
    ReuseConnections keep(url());
    ReflectStats first;
    EXPECT_EQ(schema_text(reflect(url(), options, &first)), fresh);
    ReflectStats second;
    EXPECT_EQ(schema_text(reflect(url(), options, &second)), fresh);
    // Nothing changed: every table as remembered, no per-table query sent.
    EXPECT_EQ(second.tables_read, 0);
    EXPECT_LT(second.queries, first.queries);
    EXPECT_THAT(second.alembic_revisions, ElementsAre("abc123"));

    exec(
        "ALTER TABLE owners ADD COLUMN nick text; CREATE INDEX ix_owners_nick ON owners (nick);"
        "CREATE TABLE app.later (id int REFERENCES owners (id));");
    kept_after_ddl = schema_text(reflect(url(), options));
    EXPECT_NE(kept_after_ddl, fresh);
    EXPECT_NE(kept_after_ddl.find("ix_owners_nick"), std::string::npos);

    exec(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()");
    EXPECT_EQ(schema_text(reflect(url(), options)), kept_after_ddl);
    EXPECT_EQ(schema_text(reflect(url(), options)), kept_after_ddl);
  }
  EXPECT_EQ(schema_text(reflect(url(), options)), kept_after_ddl);
}

// The other sessions on the scratch database: pid and start time of each. A backend
// whose client just closed (the last exec, the last call of this function) leaves
// pg_stat_activity a moment later: read until two reads 20 ms apart agree.
std::set<std::string> other_sessions(const DatabaseUrl& url) {
  pqxx::connection connection{url.libpq_uri()};
  pqxx::nontransaction tx{connection};
  const auto read = [&tx] {
    std::set<std::string> sessions;
    for (const auto& row :
         tx.exec("SELECT pid::text || ' ' || backend_start::text FROM pg_stat_activity "
                 "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
      sessions.insert(row[0].as<std::string>());
    }
    return sessions;
  };
  std::set<std::string> sessions = read();
  for (int tries = 0; tries < 100; ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::set<std::string> again = read();
    if (again == sessions) break;
    sessions = std::move(again);
  }
  return sessions;
}

// connect_now() opens the kept connection on the calling thread, so a reflection on
// another thread (beside Python code that may change the environment) only sends
// queries: no session appears that was not there after connect_now(). A connection the
// server closed is opened again by connect_now(), not by the next read.
TEST_P(PostgresReflect, ConnectNowOpensTheConnectionAnotherThreadReflectsOn) {
  exec(plates_ddl);
  ReuseConnections keep(url());
  EXPECT_THAT(other_sessions(url()), ::testing::IsEmpty());
  keep.connect_now();
  const std::set<std::string> connected = other_sessions(url());
  ASSERT_EQ(connected.size(), 1u);
  std::async(std::launch::async, [&] { return reflect(url()); }).get();
  EXPECT_EQ(other_sessions(url()), connected);

  exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
       "WHERE datname = current_database() AND pid <> pg_backend_pid()");
  keep.connect_now();
  const std::set<std::string> reconnected = other_sessions(url());
  EXPECT_NE(reconnected, connected);
  std::async(std::launch::async, [&] { return reflect(url()); }).get();
  // Subset: the terminated backend may still be listed while it exits.
  EXPECT_THAT(other_sessions(url()), ::testing::IsSubsetOf(reconnected));

  // Closed again: a thread under NoConnecting does not open it, the calling thread does.
  exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
       "WHERE datname = current_database() AND pid <> pg_backend_pid()");
  auto beside_python = std::async(std::launch::async, [&] {
    const NoConnecting only_queries;
    return reflect(url());
  });
  EXPECT_THROW(beside_python.get(), ConnectionNeeded);
  EXPECT_NO_THROW(reflect(url()));
}

// Each table refers to the one before it: SQLAlchemy 1.4's reflection recurses along
// such chains and dies with RecursionError at 500.
std::string fk_chain(int first, int last) {
  std::string ddl;
  for (int i = first; i < last; ++i)
    ddl += "CREATE TABLE t" + std::to_string(i) + " (id serial PRIMARY KEY, v text UNIQUE, p integer" +
           (i ? " REFERENCES t" + std::to_string(i - 1) + " (id) ON DELETE CASCADE" : std::string{}) +
           " CHECK (p > 0)); CREATE INDEX ix_t" + std::to_string(i) + " ON t" + std::to_string(i) + " (v, p);";
  return ddl;
}

TEST_P(PostgresReflect, QueryCountDoesNotGrowWithTables) {
  exec(fk_chain(0, 10));
  ReflectStats small;
  EXPECT_EQ(reflect(url(), {}, &small).tables.size(), 10u);
  exec(fk_chain(10, 200));
  ReflectStats big;
  EXPECT_EQ(reflect(url(), {}, &big).tables.size(), 200u);
  EXPECT_EQ(small.queries, big.queries);
  EXPECT_LE(big.queries, 12);
}

TEST_P(PostgresReflect, FiveHundredTableForeignKeyChainReflects) {
  exec(fk_chain(0, 500));
  const auto schema = reflect(url());
  ASSERT_EQ(schema.tables.size(), 500u);
  const auto* last = schema.find_table("t499");
  ASSERT_NE(last, nullptr);
  ASSERT_EQ(last->foreign_keys.size(), 1u);
  EXPECT_EQ(last->foreign_keys[0].referred_table, "t498");
  EXPECT_EQ(last->indexes.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Versions, PostgresReflect, ::testing::Values(pg17_bin, pg15_bin),
                         [](const auto& info) { return info.param == pg17_bin ? "pg17" : "pg15"; });

}  // namespace
}  // namespace migsafe::dbdrivers
