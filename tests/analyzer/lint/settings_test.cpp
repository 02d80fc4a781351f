#include "analyzer/lint/settings.hpp"

#include <gtest/gtest.h>

namespace migsafe::analyzer::lint {
namespace {

TEST(DialectOfDbOption, ScratchKeywordsNameTheirDialect) {
  EXPECT_EQ(dialect_of_db_option("sqlite"), rules::Dialect::sqlite);
  EXPECT_EQ(dialect_of_db_option("postgres"), rules::Dialect::postgresql);
  EXPECT_EQ(dialect_of_db_option("postgresql"), rules::Dialect::postgresql);
  EXPECT_EQ(dialect_of_db_option("docker"), rules::Dialect::postgresql);
}

TEST(DialectOfDbOption, UrlsNameTheirDialect) {
  EXPECT_EQ(dialect_of_db_option("sqlite:///app.db"), rules::Dialect::sqlite);
  EXPECT_EQ(dialect_of_db_option("sqlite+pysqlite:///app.db"), rules::Dialect::sqlite);
  EXPECT_EQ(dialect_of_db_option("postgresql://app@db/app"), rules::Dialect::postgresql);
  EXPECT_EQ(dialect_of_db_option("postgresql+psycopg2://app@db/app"), rules::Dialect::postgresql);
  EXPECT_EQ(dialect_of_db_option("postgres://app@db/app"), rules::Dialect::postgresql);
}

TEST(DialectOfDbOption, AnythingElseIsNoDialect) {
  for (const char* db : {"mysql", "mysql://root@db/app", "oracle+cx_oracle://db", "pg", ""}) {
    EXPECT_EQ(dialect_of_db_option(db), std::nullopt) << db;
  }
}

}  // namespace
}  // namespace migsafe::analyzer::lint
