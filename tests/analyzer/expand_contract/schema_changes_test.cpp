#include "analyzer/expand_contract/schema_changes.hpp"

#include <gtest/gtest.h>

namespace migsafe::analyzer::expand_contract {
namespace {

using Kind = SchemaChange::Kind;

model::Column column(const std::string& name, bool nullable = true) {
  model::Column c;
  c.name = name;
  c.type = "text";
  c.nullable = nullable;
  return c;
}

model::Table table(const std::string& name, std::vector<model::Column> columns) {
  model::Table t;
  t.name = name;
  t.columns = std::move(columns);
  return t;
}

alembic::EmittedStatement statement(const std::string& sql) {
  alembic::EmittedStatement s;
  s.sql = sql;
  s.revision = "r1";
  return s;
}

TEST(SchemaChanges, RenamesFromAlterTableAndFromAlembicsBatchCopy) {
  const auto renames = renames_in(
      {statement("ALTER TABLE plates RENAME COLUMN number TO plate_number;"),
       statement("ALTER TABLE owners RENAME TO people;"),
       statement("INSERT INTO _alembic_tmp_cars (id, plate, price) SELECT cars.id, cars.number, "
                 "CAST(cars.price AS NUMERIC(10, 2)) \nFROM cars")});
  ASSERT_EQ(renames.size(), 3u);
  EXPECT_EQ(renames[0].table, "plates");
  EXPECT_EQ(renames[0].column, "number");
  EXPECT_EQ(renames[0].new_name, "plate_number");
  EXPECT_EQ(renames[1].table, "owners");
  EXPECT_TRUE(renames[1].column.empty());
  EXPECT_EQ(renames[1].new_name, "people");
  EXPECT_EQ(renames[2].table, "cars");
  EXPECT_EQ(renames[2].column, "number");
  EXPECT_EQ(renames[2].new_name, "plate");
}

TEST(SchemaChanges, ARenameIsOneChangeNotADropAndAnAdd) {
  model::Schema before, after;
  before.tables = {table("plates", {column("id", false), column("number")})};
  after.tables = {table("plates", {column("id", false), column("plate_number")})};
  const auto changes = changes_between(before, after, {{"plates", "number", "plate_number"}});
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, Kind::column_renamed);
  EXPECT_EQ(changes[0].object(), "plates.number");
  EXPECT_EQ(changes[0].new_name, "plate_number");

  const auto without_statement = changes_between(before, after, {});
  ASSERT_EQ(without_statement.size(), 2u);
  EXPECT_EQ(without_statement[0].kind, Kind::column_dropped);
  EXPECT_EQ(without_statement[1].kind, Kind::column_created);
}

TEST(SchemaChanges, NotNullAndConstraintsAddedToExistingColumns) {
  model::Schema before, after;
  before.tables = {table("plates", {column("id", false), column("number"), column("note")})};
  model::Table changed = table("plates", {column("id", false), column("number"), column("note", false)});
  changed.uniques.push_back({"uq_plates_number", {"number"}, false});
  changed.checks.push_back({"ck_plates_note", "length(note) > 0"});
  after.tables = {changed};
  const auto changes = changes_between(before, after, {});
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].kind, Kind::made_not_null);
  EXPECT_EQ(changes[0].object(), "plates.note");
  EXPECT_EQ(changes[1].constraint_kind, "UNIQUE");
  EXPECT_EQ(changes[1].columns, std::vector<std::string>{"number"});
  EXPECT_EQ(changes[2].constraint_kind, "CHECK");
  EXPECT_EQ(changes[2].columns, std::vector<std::string>{"note"});
}

// A constraint on a column the revision creates is judged with the column, not alone.
TEST(SchemaChanges, AConstraintOnANewColumnIsPartOfTheColumn) {
  model::Schema before, after;
  before.tables = {table("plates", {column("id", false)})};
  model::Table changed = table("plates", {column("id", false), column("vin")});
  changed.uniques.push_back({"uq_plates_vin", {"vin"}, false});
  after.tables = {changed};
  const auto changes = changes_between(before, after, {});
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, Kind::column_created);
}

TEST(SchemaChanges, ANotNullColumnLosingItsServerDefault) {
  model::Schema before, after;
  model::Column state = column("state", false);
  state.server_default = "'new'";
  before.tables = {table("plates", {column("id", false), state})};
  after.tables = {table("plates", {column("id", false), column("state", false)})};
  const auto changes = changes_between(before, after, {});
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, Kind::default_dropped);
  EXPECT_EQ(changes[0].object(), "plates.state");
}

}  // namespace
}  // namespace migsafe::analyzer::expand_contract
