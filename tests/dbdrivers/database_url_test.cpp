#include "dbdrivers/database_url.hpp"

#include <gtest/gtest.h>

#include "model/error.hpp"

namespace migsafe::dbdrivers {
namespace {

TEST(ParseDatabaseUrl, SpellsEveryPostgresqlSchemeAsPostgresql) {
  for (const char* text : {"postgresql://app@db/app", "postgres://app@db/app"}) {
    const DatabaseUrl url = parse_database_url(text);
    EXPECT_EQ(url.scheme, "postgresql") << text;
    EXPECT_EQ(url.driver, "") << text;
    EXPECT_EQ(url.dialect(), Dialect::postgresql) << text;
  }
  const DatabaseUrl with_driver = parse_database_url("postgresql+psycopg2://app@db:5433/app");
  EXPECT_EQ(with_driver.scheme, "postgresql");
  EXPECT_EQ(with_driver.driver, "psycopg2");
  EXPECT_EQ(with_driver.port, 5433);
  EXPECT_EQ(with_driver.to_string(), "postgresql+psycopg2://app@db:5433/app");
}

TEST(ParseDatabaseUrl, ReadsSqliteFilePaths) {
  const DatabaseUrl absolute = parse_database_url("sqlite:////tmp/x/scratch.db");
  EXPECT_EQ(absolute.dialect(), Dialect::sqlite);
  EXPECT_EQ(absolute.database, "/tmp/x/scratch.db");
  const DatabaseUrl relative = parse_database_url("sqlite+pysqlite:///app.db");
  EXPECT_EQ(relative.dialect(), Dialect::sqlite);
  EXPECT_EQ(relative.driver, "pysqlite");
  EXPECT_EQ(relative.database, "app.db");
}

TEST(ParseDatabaseUrl, RefusesOtherDatabasesByName) {
  try {
    parse_database_url("mysql+pymysql://root:secret@db/app");
    FAIL() << "mysql accepted";
  } catch (const model::UsageError& error) {
    EXPECT_STREQ(error.what(), "migsafe does not support the database 'mysql'");
    EXPECT_EQ(error.fix(), "use a postgresql:// or sqlite:// URL");
  }
}

TEST(ParseDatabaseUrl, RefusesTextThatIsNoUrl) {
  EXPECT_THROW(parse_database_url("host=db dbname=app"), model::UsageError);
  EXPECT_THROW(parse_database_url("postgres"), model::UsageError);
}

}  // namespace
}  // namespace migsafe::dbdrivers
