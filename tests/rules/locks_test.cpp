#include "rules/locks.hpp"

#include <gtest/gtest.h>

#include "rules/sql/parser.hpp"

namespace migsafe::rules {
namespace {

std::string lock_of(const std::string& sql) {
  return lock_description(sql::parse_script(sql).at(0));
}

TEST(LocksTest, DescribesTheLocksFromLocksMd) {
  EXPECT_EQ(lock_of("ALTER TABLE plates ADD COLUMN a int"),
            "ACCESS EXCLUSIVE on plates: blocks reads and writes");
  EXPECT_EQ(lock_of("CREATE INDEX i ON plates (a)"), "SHARE on plates: blocks writes");
  EXPECT_EQ(lock_of("CREATE INDEX CONCURRENTLY i ON plates (a)"),
            "SHARE UPDATE EXCLUSIVE on plates: blocks neither reads nor writes");
  EXPECT_EQ(lock_of("ALTER TABLE plates ADD CONSTRAINT f FOREIGN KEY (o) REFERENCES owners (id)"),
            "SHARE ROW EXCLUSIVE on plates: blocks writes");
  EXPECT_EQ(lock_of("ALTER TABLE plates VALIDATE CONSTRAINT f"),
            "SHARE UPDATE EXCLUSIVE on plates: blocks neither reads nor writes");
  EXPECT_EQ(lock_of("ALTER TABLE plates SET (fillfactor = 70)"),
            "SHARE UPDATE EXCLUSIVE on plates: blocks neither reads nor writes");
  EXPECT_EQ(lock_of("CREATE TRIGGER t BEFORE INSERT ON plates FOR EACH ROW EXECUTE FUNCTION f()"),
            "SHARE ROW EXCLUSIVE on plates: blocks writes");
  EXPECT_EQ(lock_of("TRUNCATE a, b"), "ACCESS EXCLUSIVE on a, b: blocks reads and writes");
  EXPECT_EQ(lock_of("REINDEX INDEX CONCURRENTLY i"),
            "SHARE UPDATE EXCLUSIVE on the table of index i: blocks neither reads nor writes");
  EXPECT_EQ(lock_of("REINDEX TABLE plates"), "SHARE on plates: blocks writes");
  EXPECT_EQ(lock_of("CREATE TABLE t (id int)"), "none on existing tables: creates a new object");
}

// Maintenance commands: the option decides the lock (docs/rules/coverage.md has a row each).
TEST(LocksTest, MaintenanceLockDependsOnItsOptions) {
  EXPECT_EQ(lock_of("VACUUM plates"),
            "SHARE UPDATE EXCLUSIVE on plates: blocks neither reads nor writes");
  EXPECT_EQ(lock_of("VACUUM (ANALYZE) plates"),
            "SHARE UPDATE EXCLUSIVE on plates: blocks neither reads nor writes");
  EXPECT_EQ(lock_of("ANALYZE plates"),
            "SHARE UPDATE EXCLUSIVE on plates: blocks neither reads nor writes");
  EXPECT_EQ(lock_of("VACUUM FULL plates"), "ACCESS EXCLUSIVE on plates: blocks reads and writes");
  EXPECT_EQ(lock_of("VACUUM (FULL, VERBOSE) plates"),
            "ACCESS EXCLUSIVE on plates: blocks reads and writes");
  EXPECT_EQ(lock_of("VACUUM (FULL false) plates"),
            "SHARE UPDATE EXCLUSIVE on plates: blocks neither reads nor writes");
  EXPECT_EQ(lock_of("CLUSTER plates USING plates_pkey"),
            "ACCESS EXCLUSIVE on plates: blocks reads and writes");
  EXPECT_EQ(lock_of("REFRESH MATERIALIZED VIEW plate_totals"),
            "ACCESS EXCLUSIVE on plate_totals: blocks reads and writes");
  EXPECT_EQ(lock_of("REFRESH MATERIALIZED VIEW CONCURRENTLY plate_totals"),
            "EXCLUSIVE on plate_totals: blocks writes");
  EXPECT_EQ(lock_of("REINDEX (CONCURRENTLY) TABLE plates"),
            "SHARE UPDATE EXCLUSIVE on plates: blocks neither reads nor writes");
  EXPECT_EQ(lock_of("REINDEX SCHEMA public"),
            "SHARE on every table of schema public: blocks writes");
}

TEST(LocksTest, StrongestSubcommandWins) {
  EXPECT_EQ(lock_of("ALTER TABLE plates VALIDATE CONSTRAINT f, ALTER COLUMN a SET NOT NULL"),
            "ACCESS EXCLUSIVE on plates: blocks reads and writes");
}

TEST(LocksTest, WhatEachModeBlocks) {
  EXPECT_TRUE(blocks_reads(LockMode::access_exclusive));
  EXPECT_FALSE(blocks_reads(LockMode::exclusive));
  EXPECT_TRUE(blocks_writes(LockMode::share));
  EXPECT_FALSE(blocks_writes(LockMode::share_update_exclusive));
  EXPECT_EQ(lock_name(LockMode::share_row_exclusive), "SHARE ROW EXCLUSIVE");
}

}  // namespace
}  // namespace migsafe::rules
