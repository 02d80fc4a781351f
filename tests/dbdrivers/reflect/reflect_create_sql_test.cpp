#include "dbdrivers/sqlite/reflect_create_sql.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace migsafe::dbdrivers::sqlite {
namespace {

using ::testing::ElementsAre;

TEST(ParseCreateTable, ReadsChecksNamesAndGeneratedExpressions) {
  const auto parts = parse_create_table(R"(CREATE TABLE "plates" (
    id INTEGER NOT NULL,
    number VARCHAR(10) DEFAULT ('x') NOT NULL CHECK (length(number) > 0), -- a comment, (with parens
    price NUMERIC(10, 2) CONSTRAINT ck_price CHECK (price > 0),
    doubled NUMERIC GENERATED ALWAYS AS (price * 2) STORED,
    tripled NUMERIC AS (price * 3),
    owner_id INTEGER CONSTRAINT fk_owner REFERENCES owners (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT pk_plates PRIMARY KEY (id),
    CONSTRAINT "uq plates" UNIQUE (number, owner_id),
    UNIQUE (price),
    CHECK (number <> 'a,b'),
    CONSTRAINT fk_other FOREIGN KEY(price) REFERENCES other (p) ON DELETE CASCADE
  ))");
  ASSERT_EQ(parts.checks.size(), 3u);
  EXPECT_EQ(parts.checks[0].name, "");
  EXPECT_EQ(parts.checks[0].expression, "length(number) > 0");
  EXPECT_EQ(parts.checks[1].name, "ck_price");
  EXPECT_EQ(parts.checks[1].expression, "price > 0");
  EXPECT_EQ(parts.checks[2].expression, "number <> 'a,b'");
  EXPECT_EQ(parts.generated.at("doubled"), "price * 2");
  EXPECT_EQ(parts.generated.at("tripled"), "price * 3");
  ASSERT_TRUE(parts.primary_key);
  EXPECT_EQ(parts.primary_key->name, "pk_plates");
  ASSERT_EQ(parts.uniques.size(), 2u);
  EXPECT_EQ(parts.uniques[0].name, "uq plates");
  EXPECT_THAT(parts.uniques[0].columns, ElementsAre("number", "owner_id"));
  EXPECT_EQ(parts.uniques[1].name, "");
  ASSERT_EQ(parts.foreign_keys.size(), 2u);
  EXPECT_EQ(parts.foreign_keys[0].name, "fk_owner");
  EXPECT_TRUE(parts.foreign_keys[0].deferrable);
  EXPECT_TRUE(parts.foreign_keys[0].initially_deferred);
  EXPECT_EQ(parts.foreign_keys[1].name, "fk_other");
  EXPECT_FALSE(parts.foreign_keys[1].deferrable);
}

TEST(ParseCreateTable, ReadsColumnCollations) {
  const auto parts = parse_create_table(R"(CREATE TABLE t (
    a VARCHAR(10) COLLATE "NOCASE" NOT NULL,
    b TEXT NOT NULL COLLATE rtrim,
    c TEXT CHECK (c COLLATE NOCASE <> 'x'),
    d TEXT DEFAULT ('y' COLLATE BINARY)
  ))");
  EXPECT_EQ(parts.collations.at("a"), "NOCASE");
  EXPECT_EQ(parts.collations.at("b"), "rtrim");
  // A COLLATE inside a CHECK or a DEFAULT belongs to the expression, not the column.
  EXPECT_EQ(parts.collations.count("c"), 0u);
  EXPECT_EQ(parts.collations.count("d"), 0u);
}

TEST(ParseCreateIndex, ReadsExpressionsAndPredicate) {
  const auto parts =
      parse_create_index("CREATE INDEX ix_live ON plates (lower(number), \"state\" DESC) WHERE state != 'retired'");
  EXPECT_THAT(parts.elements, ElementsAre("lower(number)", "state"));
  ASSERT_TRUE(parts.where);
  EXPECT_EQ(*parts.where, "state != 'retired'");
  EXPECT_FALSE(parse_create_index("CREATE UNIQUE INDEX u ON t (a)").where);
}

TEST(Unquote, RemovesOneLevelOfQuoting) {
  EXPECT_EQ(unquote("\"a\"\"b\""), "a\"b");
  EXPECT_EQ(unquote("[a b]"), "a b");
  EXPECT_EQ(unquote("`x`"), "x");
  EXPECT_EQ(unquote("plain"), "plain");
}

}  // namespace
}  // namespace migsafe::dbdrivers::sqlite
