#include "analyzer/lint/batch_copy.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyzer/lint/revision_units.hpp"

namespace migsafe::analyzer::lint {
namespace {

using alembic::EmittedStatement;

std::vector<EmittedStatement> in_revision(const std::vector<std::string>& sql,
                                          const std::string& revision = "c3") {
  std::vector<EmittedStatement> out;
  for (const std::string& text : sql) {
    EmittedStatement statement;
    statement.sql = text;
    statement.revision = revision;
    statement.file = "/p/versions/" + revision + ".py";
    statement.line = 21;
    out.push_back(statement);
  }
  return out;
}

// What batch_alter_table("plates") with an alter_column and a create_index ran on
// SQLite (SQLAlchemy's reflection first), as both Python stacks record it.
const std::vector<std::string> batch_on_sqlite = {
    "PRAGMA main.table_xinfo(\"plates\")",
    "SELECT sql FROM  (SELECT * FROM sqlite_master UNION ALL   SELECT * FROM "
    "sqlite_temp_master) WHERE name = $1 AND type in ('table', 'view')",
    "\nCREATE TABLE _alembic_tmp_plates (\n\tid INTEGER, \n\tnumber TEXT NOT NULL, \n\tstate "
    "TEXT DEFAULT 'x' NOT NULL, \n\tPRIMARY KEY (id)\n)\n\n",
    "INSERT INTO _alembic_tmp_plates (id, number, state) SELECT plates.id, plates.number, "
    "plates.state \nFROM plates",
    "\nDROP TABLE plates",
    "ALTER TABLE _alembic_tmp_plates RENAME TO plates",
    "CREATE INDEX ix_plates_number ON plates (number)",
    "CREATE INDEX ix_plates_state ON plates (state)",
    "DROP TABLE owners",  // the revision's own statement after the batch
};

TEST(BatchCopy, TheCopyAndItsIndexesAreFoundAndNothingElse) {
  const auto copy = batch_copy_statements(in_revision(batch_on_sqlite));
  EXPECT_EQ(copy, (std::vector<bool>{false, false, true, true, true, true, true, true, false}));
}

// A column the copy declares in SQLite's own spelling, and names Alembic quotes.
TEST(BatchCopy, ACopyPostgresCannotParseOrWithQuotedNamesIsFoundToo) {
  const auto copy = batch_copy_statements(in_revision({
      "CREATE TABLE \"_alembic_tmp_Plates\" (id INTEGER PRIMARY KEY AUTOINCREMENT, n TEXT)",
      "INSERT INTO \"_alembic_tmp_Plates\" (id, n) SELECT \"Plates\".id, \"Plates\".n FROM "
      "\"Plates\"",
      "DROP TABLE \"Plates\"",
      "ALTER TABLE \"_alembic_tmp_Plates\" RENAME TO \"Plates\"",
  }));
  EXPECT_EQ(copy, (std::vector<bool>{true, true, true, true}));
  // Not even respelled: still the copy's CREATE TABLE, by the name it creates.
  EXPECT_EQ(batch_copy_statements(in_revision({
                "CREATE TABLE _alembic_tmp_notes (n TEXT, k TEXT GENERATED ALWAYS AS (lower(n)) "
                "VIRTUAL)",
                "INSERT INTO _alembic_tmp_notes (n) SELECT notes.n FROM notes",
                "DROP TABLE notes",
                "ALTER TABLE _alembic_tmp_notes RENAME TO notes",
            })),
            (std::vector<bool>{true, true, true, true}));
}

// A DROP TABLE and a rename the user wrote are theirs, even with the copy's name.
TEST(BatchCopy, LookAlikesAreNotACopy) {
  EXPECT_EQ(batch_copy_statements(in_revision({
                "DROP TABLE plates",
                "ALTER TABLE _alembic_tmp_plates RENAME TO plates",
            })),
            (std::vector<bool>{false, false}));
  EXPECT_EQ(batch_copy_statements(in_revision({
                "CREATE TABLE _alembic_tmp_plates (id INTEGER)",
                "DROP TABLE owners",
                "ALTER TABLE _alembic_tmp_plates RENAME TO plates",
            })),
            (std::vector<bool>{false, false, false}));
  auto split = in_revision({"CREATE TABLE _alembic_tmp_plates (id INTEGER)", "DROP TABLE plates"});
  auto rename = in_revision({"ALTER TABLE _alembic_tmp_plates RENAME TO plates"}, "d4");
  split.insert(split.end(), rename.begin(), rename.end());
  EXPECT_EQ(batch_copy_statements(split), (std::vector<bool>{false, false, false}));
}

// The revision's unit keeps what the batch did not copy, so plates stays a table that
// existed before it: the DROP TABLE after the batch is linted as any other.
TEST(BatchCopy, RevisionUnitsLeaveTheCopyOut) {
  const auto units = split_by_revision(in_revision(batch_on_sqlite), "/p");
  ASSERT_EQ(units.size(), 1u);
  std::vector<std::string> pieces;
  for (const auto& piece : units[0].unit.pieces) pieces.push_back(piece.sql);
  EXPECT_EQ(pieces, (std::vector<std::string>{batch_on_sqlite[0], batch_on_sqlite[1],
                                              "DROP TABLE owners"}));
}

}  // namespace
}  // namespace migsafe::analyzer::lint
