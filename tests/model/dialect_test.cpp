#include "model/dialect.hpp"

#include <gtest/gtest.h>

namespace migsafe::model {
namespace {

TEST(DialectName, IsTheNameSqlalchemyGivesTheDialect) {
  EXPECT_EQ(dialect_name(Dialect::postgresql), "postgresql");
  EXPECT_EQ(dialect_name(Dialect::sqlite), "sqlite");
}

TEST(ParseDialect, AcceptsEachNameAndPostgresAsAnAlias) {
  EXPECT_EQ(parse_dialect("postgresql"), Dialect::postgresql);
  EXPECT_EQ(parse_dialect("postgres"), Dialect::postgresql);
  EXPECT_EQ(parse_dialect("sqlite"), Dialect::sqlite);
}

TEST(ParseDialect, RefusesOtherNames) {
  for (const char* name : {"", "mysql", "pg", "PostgreSQL", "SQLITE", "sqlite3", "postgresql ",
                           "docker", "postgresql://"}) {
    EXPECT_EQ(parse_dialect(name), std::nullopt) << name;
  }
}

TEST(ParseDialect, RoundTripsEveryDialectName) {
  for (Dialect dialect : {Dialect::postgresql, Dialect::sqlite}) {
    EXPECT_EQ(parse_dialect(dialect_name(dialect)), dialect);
  }
}

TEST(DialectOfUrl, ReadsPostgresqlSchemesWithAndWithoutADriver) {
  EXPECT_EQ(dialect_of_url("postgresql://app:secret@127.0.0.1:5432/reggie"), Dialect::postgresql);
  EXPECT_EQ(dialect_of_url("postgresql+psycopg2://app@db/reggie"), Dialect::postgresql);
  EXPECT_EQ(dialect_of_url("postgresql+psycopg://app@db/reggie"), Dialect::postgresql);
  EXPECT_EQ(dialect_of_url("postgres://app@db:5432/reggie?sslmode=require"), Dialect::postgresql);
  EXPECT_EQ(dialect_of_url("postgresql://"), Dialect::postgresql);
}

TEST(DialectOfUrl, ReadsSqliteSchemesWithAndWithoutADriver) {
  EXPECT_EQ(dialect_of_url("sqlite:///relative.db"), Dialect::sqlite);
  EXPECT_EQ(dialect_of_url("sqlite:////tmp/x/scratch.db"), Dialect::sqlite);
  EXPECT_EQ(dialect_of_url("sqlite+pysqlite:///:memory:"), Dialect::sqlite);
  EXPECT_EQ(dialect_of_url("sqlite://"), Dialect::sqlite);
}

TEST(DialectOfUrl, RefusesOtherSchemesAndTextThatIsNoUrl) {
  for (const char* url :
       {"", "sqlite", "postgres", "postgresql", "sqlite:relative.db", "postgresql:/db",
        "mysql://root@db/app", "mysql+pymysql://root@db/app", "driver://user:pass@localhost/dbname",
        "postgresqlx://db/app", "postgresql+://db/app", "+psycopg2://db/app", "Postgresql://db/app",
        "host=db dbname=app"}) {
    EXPECT_EQ(dialect_of_url(url), std::nullopt) << url;
  }
}

}  // namespace
}  // namespace migsafe::model
