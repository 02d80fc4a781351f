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
  EXPECT_EQ(driver.count_rows(scratch->url()), (std::map<std::string, long long>{{"plates", 1}}));

  driver.reset(scratch->url());
  EXPECT_EQ(std::filesystem::file_size(scratch->url().database), 0u);
  EXPECT_TRUE(driver.count_rows(scratch->url()).empty());
  ReflectStats stats;
  EXPECT_TRUE(driver.reflect(scratch->url(), {}, stats).tables.empty());
}

TEST(SqliteDriver, ServerVersionIsTheLibrarys) {
  EXPECT_EQ(driver_for(model::Dialect::sqlite).server_version(parse_database_url("sqlite:///x.db")),
            SQLite::getLibVersion());
}

}  // namespace
}  // namespace migsafe::dbdrivers
