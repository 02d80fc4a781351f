#include "rules/sqlite_spellings.hpp"

#include <gtest/gtest.h>

#include <string>

#include "rules/sql/parser.hpp"

namespace migsafe::rules {
namespace {

// Respelled, and what PostgreSQL's grammar then reads; the length never changes.
std::string respelled(const std::string& sqlite) {
  const std::string out = respell_sqlite_for_postgres(sqlite);
  EXPECT_EQ(out.size(), sqlite.size()) << sqlite;
  return out;
}

bool postgres_parses(const std::string& sql) {
  const auto statements = sql::parse_script(sql);
  return statements.size() == 1 && !statements.front().has_error;
}

TEST(SqliteSpellingsTest, WhatSqliteAcceptsAndPostgresRejectsIsRespelledAndParses) {
  const std::string sqlite[] = {
      "CREATE TABLE plates (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, number TEXT)",
      "CREATE TABLE IF NOT EXISTS owners (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT",
      "CREATE TABLE tags (plate_id INTEGER, tag TEXT, PRIMARY KEY (plate_id, tag)) WITHOUT ROWID",
      "CREATE TABLE tags (plate_id INTEGER, tag TEXT, PRIMARY KEY (plate_id, tag)) "
      "STRICT, WITHOUT ROWID",
      "INSERT OR IGNORE INTO `owners` (id, name) VALUES (1, 'fleet')",
      "INSERT OR REPLACE INTO [plate tags] (plate_id, tag) SELECT id, 'x' FROM plates",
      "REPLACE INTO owners (id, name) VALUES (1, 'fleet')",
      "UPDATE OR ROLLBACK plates SET number = 'A' WHERE id = 1",
      "DROP TABLE IF EXISTS `legacy_plates`",
      "ALTER TABLE [plates] ALTER COLUMN `state` SET NOT NULL",
  };
  for (const std::string& statement : sqlite) {
    EXPECT_FALSE(postgres_parses(statement)) << statement;
    EXPECT_TRUE(postgres_parses(respelled(statement))) << respelled(statement);
  }
}

TEST(SqliteSpellingsTest, EachSpellingBecomesPostgresOwn) {
  EXPECT_EQ(respelled("INSERT OR IGNORE INTO `owners` VALUES (1)"),
            "INSERT           INTO \"owners\" VALUES (1)");
  EXPECT_EQ(respelled("replace into [plate tags] values (1)"),
            "INSERT  into \"plate tags\" values (1)");
  EXPECT_EQ(
      respelled("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT) STRICT, WITHOUT ROWID"),
      "CREATE TABLE t (id INTEGER PRIMARY KEY              )                      ");
}

TEST(SqliteSpellingsTest, StringsCommentsAndDoubleQuotedNamesAreLeftAlone) {
  const std::string sql =
      "INSERT INTO notes (body, \"`raw`\") VALUES ('[x] AUTOINCREMENT `y`', 'a''b') "
      "-- [z] AUTOINCREMENT\n/* `w` */";
  EXPECT_EQ(respell_sqlite_for_postgres(sql), sql);
}

TEST(SqliteSpellingsTest, StatementsWithoutSqliteSpellingsComeBackUnchanged) {
  const std::string unchanged[] = {
      "PRAGMA foreign_keys = ON",  // no PostgreSQL spelling: the caller passes over it
      "CREATE TABLE strict_things (strict boolean, rowid int)",
      "CREATE INDEX plates_strict ON plates (number) WHERE strict",
      "INSERT INTO plates (id) VALUES (1) ON CONFLICT DO NOTHING",
  };
  for (const std::string& statement : unchanged) {
    EXPECT_EQ(respell_sqlite_for_postgres(statement), statement);
  }
}

TEST(SqliteSpellingsTest, NamesThatWouldChangeLengthAreLeftAlone) {
  EXPECT_EQ(respell_sqlite_for_postgres("DROP TABLE `a``b`"), "DROP TABLE `a``b`");
  EXPECT_EQ(respell_sqlite_for_postgres("DROP TABLE [a\"b]"), "DROP TABLE [a\"b]");
  EXPECT_EQ(respell_sqlite_for_postgres("DROP TABLE `unclosed"), "DROP TABLE `unclosed");
}

}  // namespace
}  // namespace migsafe::rules
