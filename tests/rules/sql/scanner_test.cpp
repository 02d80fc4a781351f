#include "rules/sql/scanner.hpp"

#include <gtest/gtest.h>

namespace migsafe::rules::sql {
namespace {

TEST(ScannerTest, TokensCarryTheirOffsetsAndKeywordKind) {
  const std::string sql = "CREATE TABLE \"user\" (id int) -- note\n/* c */";
  const auto tokens = scan_tokens(sql);
  ASSERT_TRUE(tokens.has_value());
  ASSERT_EQ(tokens->size(), 7u);  // comments are left out
  EXPECT_TRUE(is_keyword(sql, tokens->at(0), "CREATE"));
  EXPECT_EQ(tokens->at(0).keyword, KeywordKind::reserved);
  EXPECT_TRUE(is_keyword(sql, tokens->at(1), "TABLE"));
  // A quoted name is no keyword, and its token spans its quotes.
  EXPECT_FALSE(is_keyword(sql, tokens->at(2), "USER"));
  EXPECT_EQ(sql.substr(tokens->at(2).start, tokens->at(2).end - tokens->at(2).start), "\"user\"");
  EXPECT_TRUE(is_char(tokens->at(3), '('));
  EXPECT_EQ(tokens->at(4).keyword, KeywordKind::none);
  EXPECT_EQ(tokens->at(5).keyword, KeywordKind::col_name);
  EXPECT_TRUE(is_char(tokens->at(6), ')'));
}

TEST(ScannerTest, KeywordKindsArePostgresCategories) {
  auto kind = [](const std::string& word) { return scan_tokens(word)->at(0).keyword; };
  EXPECT_EQ(kind("user"), KeywordKind::reserved);
  EXPECT_EQ(kind("name"), KeywordKind::unreserved);
  EXPECT_EQ(kind("between"), KeywordKind::col_name);
  EXPECT_EQ(kind("left"), KeywordKind::type_func_name);
  EXPECT_EQ(kind("plates"), KeywordKind::none);
}

TEST(ScannerTest, DollarQuotedBodiesAreOneToken) {
  const std::string sql = "DO $$ BEGIN NULL; END $$";
  const auto tokens = scan_tokens(sql);
  ASSERT_TRUE(tokens.has_value());
  ASSERT_EQ(tokens->size(), 2u);
  EXPECT_EQ(tokens->at(1).end, sql.size());
}

TEST(ScannerTest, AnUnclosedQuoteIsNoTokens) {
  EXPECT_FALSE(scan_tokens("SELECT 'open").has_value());
}

}  // namespace
}  // namespace migsafe::rules::sql
