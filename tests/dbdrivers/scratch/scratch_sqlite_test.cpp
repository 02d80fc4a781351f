#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "dbdrivers/os/command.hpp"
#include "dbdrivers/scratch.hpp"
#include "dbdrivers/table_contents.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers {
namespace {

std::unique_ptr<ScratchDatabase> scratch(const std::string& db) {
  ScratchRequest request;
  request.db = db;
  return create_scratch(request);
}

TEST(ScratchSqlite, CreatesAFileInATempFolderAndRemovesTheFolder) {
  auto db = scratch("sqlite");
  std::filesystem::path folder = db->folder();
  EXPECT_EQ(db->kind(), "scratch-file");
  EXPECT_EQ(db->dialect(), Dialect::sqlite);
  EXPECT_EQ(db->server_version(), SQLite::getLibVersion());
  EXPECT_EQ(db->url().database, (folder / "scratch.db").string());
  EXPECT_EQ(db->url().to_string(), "sqlite:///" + (folder / "scratch.db").string());
  EXPECT_EQ(db->url().to_string().rfind("sqlite:////", 0), 0u);  // absolute path form
  ASSERT_TRUE(std::filesystem::exists(folder / "scratch.db"));
  {
    SQLite::Database file(db->url().database, SQLite::OPEN_READWRITE);
    file.exec("CREATE TABLE plates (id INTEGER PRIMARY KEY, plate TEXT)");
  }
  db.reset();
  EXPECT_FALSE(std::filesystem::exists(folder));
}

TEST(ScratchSqlite, TwoScratchFilesAreIndependent) {
  auto first = scratch("sqlite");
  auto second = scratch("sqlite");
  EXPECT_NE(first->folder(), second->folder());
  std::filesystem::path first_folder = first->folder();
  first.reset();
  EXPECT_FALSE(std::filesystem::exists(first_folder));
  EXPECT_TRUE(std::filesystem::exists(second->folder() / "scratch.db"));
}

TEST(ScratchRequestValues, UnknownDbValueIsAUsageErrorListingTheChoices) {
  try {
    scratch("mysql");
    FAIL() << "expected a UsageError";
  } catch (const model::UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("mysql"), std::string::npos);
    EXPECT_NE(e.fix().find("sqlite, postgres, docker"), std::string::npos);
  }
}

TEST(ScratchRequestValues, UnknownUrlSchemeIsAUsageErrorWithoutItsPassword) {
  try {
    scratch("mysql://app:hunter2secret@db/app");
    FAIL() << "expected a UsageError";
  } catch (const model::UsageError& e) {
    EXPECT_EQ(std::string(e.what()).find("hunter2secret"), std::string::npos) << e.what();
  }
}

TEST(ScratchDocker, WithoutAnEngineSaysSoAndNamesTheAlternatives) {
  os::Command info;
  info.argv = {"docker", "info"};
  if (os::run_command(info).ok()) GTEST_SKIP() << "a Docker engine answers on this machine";
  try {
    scratch("docker");
    FAIL() << "expected an EnvironmentError";
  } catch (const model::EnvironmentError& e) {
    EXPECT_NE(std::string(e.what()).find("no Docker engine answers"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("--db postgres"), std::string::npos);
  }
}

TEST(TableContentsSqlite, ReadsUserTablesAndSkipsAlembicVersion) {
  auto db = scratch("sqlite");
  {
    SQLite::Database file(db->url().database, SQLite::OPEN_READWRITE);
    file.exec("CREATE TABLE alembic_version (version_num TEXT PRIMARY KEY)");
    file.exec("INSERT INTO alembic_version VALUES ('abc')");
    file.exec("CREATE TABLE plates (id INTEGER PRIMARY KEY AUTOINCREMENT, plate TEXT)");
    file.exec("INSERT INTO plates (plate) VALUES ('AB-123'), ('CD-456')");
    file.exec("CREATE TABLE \"odd \"\"name\" (x)");
  }
  std::map<std::string, long long> rows;
  for (const auto& [table, contents] : read_table_contents(db->url())) rows[table] = contents.rows;
  std::map<std::string, long long> expected{{"plates", 2}, {"odd \"name", 0}};
  EXPECT_EQ(rows, expected);  // no alembic_version, no sqlite_sequence
}

TEST(TableContentsSqlite, MissingFileIsAnEnvironmentError) {
  DatabaseUrl url = parse_database_url("sqlite:////nonexistent/folder/x.db");
  EXPECT_THROW(read_table_contents(url), model::EnvironmentError);
}

}  // namespace
}  // namespace migsafe::dbdrivers
