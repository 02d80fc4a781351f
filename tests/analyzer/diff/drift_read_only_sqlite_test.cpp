// run_drift against a SQLite database holding data leaves it byte-for-byte unchanged.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <fstream>
#include <sstream>

#include "analyzer/drift.hpp"
#include "tests/analyzer/diff/drift_support.hpp"

namespace migsafe::analyzer::diff::test {
namespace {

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(DriftReadOnly, SqliteFileIsUnchanged) {
  auto scratch = migrated("sqlite", "drift_type");
  const std::string path = scratch->url().database;
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    // plates.id is BIGINT, not a rowid alias, on SQLite: give it.
    db.exec("INSERT INTO owners (id, email, name) VALUES (1, 'a@example.com', 'A');"
            "INSERT INTO plates (id, owner_id, number, state, price, note) VALUES (1, 1, 'AB-1', 'new', 3, 'n');"
            "INSERT INTO orders (id, plate_id, placed) VALUES (1, 1, '2026-01-01');");
  }
  const std::string before = file_bytes(path);
  ASSERT_FALSE(before.empty());
  const auto report = run_drift(fixture("drift_type"), scratch->url().to_string());
  EXPECT_EQ(difference_headlines(report).size(), 1u);
  EXPECT_EQ(file_bytes(path), before);
}

}  // namespace
}  // namespace migsafe::analyzer::diff::test
