#include "analyzer/diff/normalize.hpp"

#include <gtest/gtest.h>

namespace migsafe::analyzer::diff {
namespace {

using dbdrivers::Dialect;

TEST(NormalizeType, SpellingsOfTheSameTypeAreEqual) {
  auto pg = [](const std::string& t) { return normalize_type(t, Dialect::postgresql); };
  EXPECT_EQ(pg("VARCHAR(255)"), pg("character varying(255)"));
  EXPECT_EQ(pg("varchar"), pg("CHARACTER VARYING"));
  EXPECT_EQ(pg("int4"), pg("INTEGER"));
  EXPECT_EQ(pg("integer"), pg("INT"));
  EXPECT_EQ(pg("int8"), pg("BIGINT"));
  EXPECT_EQ(pg("serial"), pg("integer"));
  EXPECT_EQ(pg("timestamp with time zone"), pg("TIMESTAMP WITH TIME ZONE"));
  EXPECT_EQ(pg("timestamptz"), pg("TIMESTAMP WITH TIME ZONE"));
  EXPECT_EQ(pg("TIMESTAMP WITHOUT TIME ZONE"), pg("timestamp"));
  EXPECT_EQ(pg("NUMERIC(10, 2)"), pg("numeric(10,2)"));
  EXPECT_EQ(pg("FLOAT"), pg("double precision"));
  EXPECT_EQ(pg("FLOAT(10)"), pg("real"));
  EXPECT_EQ(pg("BOOLEAN"), pg("bool"));
  EXPECT_EQ(pg("INTEGER[]"), pg("integer[]"));
  EXPECT_EQ(pg("CHAR"), pg("character(1)"));
}

TEST(NormalizeType, DifferentTypesStayDifferent) {
  auto pg = [](const std::string& t) { return normalize_type(t, Dialect::postgresql); };
  EXPECT_NE(pg("VARCHAR(2)"), pg("character varying(20)"));
  EXPECT_NE(pg("integer"), pg("bigint"));
  EXPECT_NE(pg("timestamp"), pg("timestamptz"));
  EXPECT_NE(pg("text"), pg("varchar"));
  EXPECT_NE(pg("numeric(10,2)"), pg("numeric(12,2)"));
}

TEST(NormalizeExpression, CastsCaseSpacesAndParenthesesDoNotMatter) {
  EXPECT_EQ(normalize_expression("'x'::character varying"), normalize_expression("'x'"));
  EXPECT_EQ(normalize_expression("now()"), normalize_expression("CURRENT_TIMESTAMP"));
  EXPECT_EQ(normalize_expression("(CURRENT_TIMESTAMP)"), normalize_expression("now()"));
  EXPECT_EQ(normalize_expression("'0'::integer"), normalize_expression("0"));
  EXPECT_EQ(normalize_expression("'0'"), normalize_expression("0"));
  EXPECT_EQ(normalize_expression("price > 0::numeric"), normalize_expression("price>0"));
  EXPECT_EQ(normalize_expression("(price * (2)::numeric)"), normalize_expression("price * 2"));
  EXPECT_EQ(normalize_expression("lower((number)::text)"), normalize_expression("lower(number)"));
  EXPECT_EQ(normalize_expression("state <> 'retired'::plate_state"), normalize_expression("state <> 'retired'"));
  EXPECT_EQ(normalize_expression("'2020-01-01 00:00:00'::timestamp with time zone"),
            normalize_expression("'2020-01-01 00:00:00'"));
  EXPECT_EQ(normalize_expression("(state = ANY (ARRAY['a'::text, 'b'::text]))"),
            normalize_expression("state IN ('a', 'b')"));
  EXPECT_EQ(normalize_expression("'true'"), normalize_expression("true"));
  EXPECT_EQ(normalize_expression("length(plate_number) BETWEEN 1 AND 10"),
            normalize_expression("(length((plate_number)::text) >= 1) AND (length((plate_number)::text) <= 10)"));
  EXPECT_EQ(normalize_expression("\"number\" <> ''"), normalize_expression("number <> ''"));
}

TEST(NormalizeExpression, LiteralsKeepTheirCaseAndDifferencesShow) {
  EXPECT_NE(normalize_expression("'X'"), normalize_expression("'x'"));
  EXPECT_NE(normalize_expression("price > 0"), normalize_expression("price >= 0"));
  EXPECT_NE(normalize_expression("'new'::plate_state"), normalize_expression("'active'"));
}

TEST(NormalizeName, PostgresTruncatesTo63Bytes) {
  const std::string long_name(70, 'a');
  EXPECT_EQ(normalize_name(long_name, Dialect::postgresql), std::string(63, 'a'));
  EXPECT_EQ(normalize_name("Plates", Dialect::sqlite), "plates");
  EXPECT_EQ(normalize_name("Plates", Dialect::postgresql), "Plates");
}

TEST(NormalizeFkAction, NoActionIsTheDefault) {
  EXPECT_EQ(normalize_fk_action("NO ACTION"), "");
  EXPECT_EQ(normalize_fk_action("cascade"), "CASCADE");
  EXPECT_EQ(normalize_fk_action("set  null"), "SET NULL");
}

}  // namespace
}  // namespace migsafe::analyzer::diff
