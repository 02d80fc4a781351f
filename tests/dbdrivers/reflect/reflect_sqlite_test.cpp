#include <SQLiteCpp/SQLiteCpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "dbdrivers/reflect.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;

class SqliteReflect : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "migsafe-reflect-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    folder_ = pattern;
    path_ = folder_ / "db.sqlite";
  }
  void TearDown() override { fs::remove_all(folder_); }
  void exec(const std::string& sql) {
    SQLite::Database db(path_.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(sql);
  }
  DatabaseUrl url() const { return parse_database_url("sqlite:///" + path_.string()); }

  fs::path folder_;
  fs::path path_;
};

TEST_F(SqliteReflect, ReadsEveryFieldSqliteHas) {
  exec(R"(
    CREATE TABLE owners (id INTEGER NOT NULL, email VARCHAR(255) NOT NULL,
      CONSTRAINT pk_owners PRIMARY KEY (id), CONSTRAINT uq_owners_email UNIQUE (email));
    CREATE TABLE plates (
      id INTEGER NOT NULL PRIMARY KEY,
      owner_id INTEGER NOT NULL,
      number VARCHAR(10) DEFAULT 'x' NOT NULL COLLATE NOCASE,
      price NUMERIC(10, 2) CONSTRAINT ck_price CHECK (price > 0),
      doubled NUMERIC GENERATED ALWAYS AS (price * 2) STORED,
      created DATETIME DEFAULT (CURRENT_TIMESTAMP),
      UNIQUE (number, owner_id),
      CONSTRAINT fk_owner FOREIGN KEY(owner_id) REFERENCES owners (id) ON DELETE CASCADE
        DEFERRABLE INITIALLY DEFERRED);
    CREATE INDEX ix_plates_live ON plates (lower(number), owner_id) WHERE price > 10;
    CREATE UNIQUE INDEX ix_plates_owner ON plates (owner_id DESC);
    CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
    INSERT INTO alembic_version VALUES ('abc123');
  )");
  ReflectStats stats;
  const auto schema = reflect(url(), {}, &stats);
  EXPECT_TRUE(stats.has_alembic_version);
  EXPECT_THAT(stats.alembic_revisions, ElementsAre("abc123"));
  ASSERT_EQ(schema.tables.size(), 2u);  // alembic_version is not reported
  const auto* owners = schema.find_table("owners");
  ASSERT_NE(owners, nullptr);
  ASSERT_TRUE(owners->primary_key);
  EXPECT_EQ(owners->primary_key->name, "pk_owners");
  ASSERT_EQ(owners->uniques.size(), 1u);
  EXPECT_EQ(owners->uniques[0].name, "uq_owners_email");
  EXPECT_TRUE(owners->indexes.empty());  // the unique constraint's index is implicit

  const auto* plates = schema.find_table("plates");
  ASSERT_NE(plates, nullptr);
  ASSERT_EQ(plates->columns.size(), 6u);
  EXPECT_TRUE(plates->find_column("id")->autoincrement);
  const auto* number = plates->find_column("number");
  EXPECT_EQ(number->type, "VARCHAR(10)");
  EXPECT_FALSE(number->nullable);
  EXPECT_EQ(number->server_default.value_or(""), "'x'");
  EXPECT_EQ(number->collation.value_or(""), "NOCASE");
  EXPECT_FALSE(plates->find_column("owner_id")->collation);
  EXPECT_EQ(plates->find_column("doubled")->generated.value_or(""), "price * 2");
  EXPECT_EQ(plates->find_column("created")->server_default.value_or(""), "CURRENT_TIMESTAMP");
  ASSERT_EQ(plates->checks.size(), 1u);
  EXPECT_EQ(plates->checks[0].name, "ck_price");
  EXPECT_EQ(plates->checks[0].expression, "price > 0");
  ASSERT_EQ(plates->uniques.size(), 1u);
  EXPECT_THAT(plates->uniques[0].columns, ElementsAre("number", "owner_id"));
  ASSERT_EQ(plates->foreign_keys.size(), 1u);
  const auto& fk = plates->foreign_keys[0];
  EXPECT_EQ(fk.name, "fk_owner");
  EXPECT_EQ(fk.referred_table, "owners");
  EXPECT_THAT(fk.columns, ElementsAre("owner_id"));
  EXPECT_THAT(fk.referred_columns, ElementsAre("id"));
  EXPECT_EQ(fk.on_delete, "CASCADE");
  EXPECT_EQ(fk.on_update, "");
  EXPECT_TRUE(fk.deferrable);
  EXPECT_TRUE(fk.initially_deferred);
  ASSERT_EQ(plates->indexes.size(), 2u);
  EXPECT_EQ(plates->indexes[0].name, "ix_plates_live");
  EXPECT_FALSE(plates->indexes[0].unique);
  EXPECT_THAT(plates->indexes[0].elements, ElementsAre("lower(number)", "owner_id"));
  EXPECT_EQ(plates->indexes[0].predicate.value_or(""), "price > 10");
  EXPECT_EQ(plates->indexes[1].name, "ix_plates_owner");
  EXPECT_TRUE(plates->indexes[1].unique);
  EXPECT_THAT(plates->indexes[1].elements, ElementsAre("owner_id DESC"));
}

// A chain of tables, each referring to the previous one: SQLAlchemy 1.4's reflection
// recurses along such chains and dies with RecursionError at 500.
std::string fk_chain(int tables) {
  std::string ddl;
  for (int i = 0; i < tables; ++i)
    ddl += "CREATE TABLE t" + std::to_string(i) + " (id INTEGER PRIMARY KEY, v TEXT UNIQUE, p INTEGER" +
           (i ? " REFERENCES t" + std::to_string(i - 1) + " (id)" : std::string{}) + ");";
  return ddl;
}

TEST_F(SqliteReflect, QueryCountDoesNotGrowWithTables) {
  exec(fk_chain(10));
  ReflectStats small;
  EXPECT_EQ(reflect(url(), {}, &small).tables.size(), 10u);
  path_ = folder_ / "big.sqlite";
  exec(fk_chain(200));
  ReflectStats big;
  EXPECT_EQ(reflect(url(), {}, &big).tables.size(), 200u);
  EXPECT_EQ(small.queries, big.queries);
  EXPECT_LE(big.queries, 10);
}

TEST_F(SqliteReflect, FiveHundredTableForeignKeyChainReflects) {
  exec(fk_chain(500));
  const auto schema = reflect(url());
  ASSERT_EQ(schema.tables.size(), 500u);
  const auto* last = schema.find_table("t499");
  ASSERT_NE(last, nullptr);
  ASSERT_EQ(last->foreign_keys.size(), 1u);
  EXPECT_EQ(last->foreign_keys[0].referred_table, "t498");
}

TEST_F(SqliteReflect, OpensReadOnlyAndNeverCreatesAFile) {
  EXPECT_THROW(reflect(url()), model::EnvironmentError);
  EXPECT_FALSE(fs::exists(path_));
}

}  // namespace
}  // namespace migsafe::dbdrivers
