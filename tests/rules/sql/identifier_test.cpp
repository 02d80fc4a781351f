#include "rules/sql/identifier.hpp"

#include <gtest/gtest.h>

namespace migsafe::rules::sql {
namespace {

TEST(IdentifierTest, QuotesAsPostgresQuoteIdentDoes) {
  EXPECT_EQ(quote_identifier("plates"), "plates");
  EXPECT_EQ(quote_identifier("plate_2$"), "plate_2$");
  // Reserved, and keywords a name cannot be without quotes (col_name, type_func_name).
  EXPECT_EQ(quote_identifier("user"), "\"user\"");
  EXPECT_EQ(quote_identifier("order"), "\"order\"");
  EXPECT_EQ(quote_identifier("select"), "\"select\"");
  EXPECT_EQ(quote_identifier("int"), "\"int\"");
  EXPECT_EQ(quote_identifier("left"), "\"left\"");
  // Unreserved keywords are names like any other.
  EXPECT_EQ(quote_identifier("name"), "name");
  EXPECT_EQ(quote_identifier("data"), "data");
  // Case, and characters an unquoted name cannot hold.
  EXPECT_EQ(quote_identifier("UserAccounts"), "\"UserAccounts\"");
  EXPECT_EQ(quote_identifier("2fa"), "\"2fa\"");
  EXPECT_EQ(quote_identifier("plate number"), "\"plate number\"");
  EXPECT_EQ(quote_identifier("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(quote_identifier("café"), "\"café\"");
  EXPECT_EQ(quote_identifier(""), "\"\"");
}

TEST(IdentifierTest, QualifiedNamesQuoteEachPart) {
  EXPECT_EQ(quote_name({"", "user"}), "\"user\"");
  EXPECT_EQ(quote_name({"Billing", "plates"}), "\"Billing\".plates");
  EXPECT_EQ(quote_identifiers({"id", "order", "Name"}), "id, \"order\", \"Name\"");
}

TEST(IdentifierTest, LiteralsDoubleTheirQuotes) {
  EXPECT_EQ(quote_literal("plates"), "'plates'");
  EXPECT_EQ(quote_literal("it's"), "'it''s'");
  EXPECT_EQ(quote_literal("a\\b"), "E'a\\\\b'");
}

}  // namespace
}  // namespace migsafe::rules::sql
