// The SQLite driver through the factory, as the rest of migsafe reaches it.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "dbdrivers/driver.hpp"
#include "dbdrivers/scratch.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers {
namespace {

TEST(DriverFor, GivesEachDialectItsOwnDriver) {
  EXPECT_EQ(driver_for(model::Dialect::sqlite).dialect(), model::Dialect::sqlite);
  EXPECT_EQ(driver_for(model::Dialect::postgresql).dialect(), model::Dialect::postgresql);
  EXPECT_EQ(&driver_for(parse_database_url("sqlite:///app.db")),
            &driver_for(model::Dialect::sqlite));
  EXPECT_EQ(&driver_for(parse_database_url("postgres://app@db/app")),
            &driver_for(model::Dialect::postgresql));
}

TEST(SqliteDriver, ChecksThatTheFileOpens) {
  auto scratch = create_scratch({"sqlite", {}});
  const Driver& driver = driver_for(scratch->url());
  EXPECT_NO_THROW(driver.check_connection(scratch->url()));

  const DatabaseUrl missing = scratch->url().with_database(scratch->folder() / "missing.db");
  try {
    driver.check_connection(missing);
    FAIL() << "a missing file opened";
  } catch (const model::EnvironmentError& error) {
    EXPECT_NE(std::string(error.what()).find("cannot open " + missing.display()), std::string::npos)
        << error.what();
  }
  EXPECT_FALSE(std::filesystem::exists(missing.database));  // read-only: not created
}

TEST(SqliteDriver, ResetEmptiesTheFileAndKeepsIt) {
  auto scratch = create_scratch({"sqlite", {}});
  {
    SQLite::Database file(scratch->url().database, SQLite::OPEN_READWRITE);
    file.exec("CREATE TABLE plates (id INTEGER PRIMARY KEY, plate TEXT)");
    file.exec("INSERT INTO plates (plate) VALUES ('AB-123')");
  }
  const Driver& driver = driver_for(scratch->url());
  EXPECT_EQ(driver.read_table_contents(scratch->url()).at("plates").rows, 1);

  driver.reset(scratch->url());
  EXPECT_EQ(std::filesystem::file_size(scratch->url().database), 0u);
  EXPECT_TRUE(driver.read_table_contents(scratch->url()).empty());
  ReflectStats stats;
  EXPECT_TRUE(driver.reflect(scratch->url(), {}, stats).tables.empty());
}

// The contents of `table` after `sql` ran on a fresh scratch file.
TableContents contents_after(const std::string& sql, const std::string& table = "plates") {
  auto scratch = create_scratch({"sqlite", {}});
  {
    SQLite::Database file(scratch->url().database, SQLite::OPEN_READWRITE);
    file.exec(sql);
  }
  return driver_for(scratch->url()).read_table_contents(scratch->url()).at(table);
}

const char* const plates_table =
    "CREATE TABLE plates (id INTEGER PRIMARY KEY AUTOINCREMENT, plate TEXT, weight REAL);";

TEST(SqliteDriver, TableContentsDoNotDependOnRowOrder) {
  const TableContents forward = contents_after(
      std::string(plates_table) +
      "INSERT INTO plates VALUES (1, 'AB-123', 1.5), (2, 'CD-456', NULL), (3, x'00ff', 2);");
  const TableContents backward = contents_after(
      std::string(plates_table) +
      "INSERT INTO plates VALUES (3, x'00ff', 2), (2, 'CD-456', NULL), (1, 'AB-123', 1.5);");
  EXPECT_EQ(forward.rows, 3);
  EXPECT_NE(forward.content_hash, 0u);
  EXPECT_EQ(forward, backward);
}

TEST(SqliteDriver, TableContentsChangeWithOneValue) {
  const std::string table = plates_table;
  const TableContents original =
      contents_after(table + "INSERT INTO plates VALUES (1, 'AB-123', 1.5), (2, 'CD-456', 2);");
  const std::vector<std::string> changes = {
      "INSERT INTO plates VALUES (1, 'AB-123', 1.5), (2, 'CD-457', 2);",  // one letter
      "INSERT INTO plates VALUES (1, 'AB-123', 1.5), (3, 'CD-456', 2);",  // a new id
      "INSERT INTO plates VALUES (1, 'AB-123', 1.5), (2, 'CD-456', 2.5);",
      "INSERT INTO plates VALUES (1, 'AB-123', 1.5), (2, 'CD-456', NULL);",
      "INSERT INTO plates VALUES (1, 'AB-123', 1.5), (2, 'CD-456', x'32');"};  // a blob
  for (const std::string& change : changes) {
    const TableContents changed = contents_after(table + change);
    EXPECT_EQ(changed.rows, original.rows) << change;
    EXPECT_NE(changed.content_hash, original.content_hash) << change;
  }
  // No primary key to stop a duplicate: the same row twice is another table.
  const std::string heap = "CREATE TABLE plates (plate TEXT);";
  EXPECT_NE(contents_after(heap + "INSERT INTO plates VALUES ('AB'), ('AB');").content_hash,
            contents_after(heap + "INSERT INTO plates VALUES ('AB');").content_hash);
  // NULL and '' are different values.
  EXPECT_NE(contents_after(heap + "INSERT INTO plates VALUES (NULL);"),
            contents_after(heap + "INSERT INTO plates VALUES ('');"));
}

TEST(SqliteDriver, TableContentsOfAnEmptyTableAreZero) {
  EXPECT_EQ(contents_after(plates_table), (TableContents{0, 0}));
}

TEST(SqliteDriver, ServerVersionIsTheLibrarys) {
  EXPECT_EQ(driver_for(model::Dialect::sqlite).server_version(parse_database_url("sqlite:///x.db")),
            SQLite::getLibVersion());
}

}  // namespace
}  // namespace migsafe::dbdrivers
