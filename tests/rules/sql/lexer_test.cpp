#include "rules/sql/lexer.hpp"

#include <gtest/gtest.h>

#include <string>

namespace migsafe::rules::sql {
namespace {

TEST(LexerTest, FindsCommentsButNotInsideStringsOrDollarBodies) {
  const std::string script =
      "-- one\nSELECT '-- not a comment', $$ /* nor this */ $$; /* two */\nSELECT \"--x\"; -- "
      "three";
  const auto comments = find_comments(script);
  ASSERT_EQ(comments.size(), 3u);
  EXPECT_EQ(comments[0].text, " one");
  EXPECT_EQ(comments[0].offset, 0u);
  EXPECT_EQ(comments[1].text, " two ");
  EXPECT_EQ(comments[2].text, " three");
}

TEST(LexerTest, SkipsBlanksAndComments) {
  const std::string script = "  -- c\n /* d */  SELECT 1";
  EXPECT_EQ(skip_blanks_and_comments(script, 0), script.find("SELECT"));
}

TEST(LexerTest, Utf8Validation) {
  EXPECT_EQ(first_invalid_utf8("plain and ümlaut"), std::string_view::npos);
  EXPECT_EQ(first_invalid_utf8("ab\xff"), 2u);
  EXPECT_EQ(first_invalid_utf8("ab\xc3"), 2u);  // truncated sequence
  EXPECT_EQ(byte_offset_of_char("ümlaut", 1), 2u);
}

// ASCII is skipped eight bytes at a time: a bad byte is found at every position of a
// word, after a valid sequence that straddles two words, and in the tail after them.
TEST(LexerTest, Utf8ValidationPastTheAsciiFastPath) {
  for (std::size_t at = 0; at < 20; ++at) {
    std::string text(20, 'a');
    text[at] = '\xff';
    EXPECT_EQ(first_invalid_utf8(text), at);
  }
  EXPECT_EQ(first_invalid_utf8("1234567\xc3\xbc"
                               "890123456\xc3"),
            18u);
  EXPECT_EQ(first_invalid_utf8("1234567\xc3\xbc"
                               "89012345678"),
            std::string_view::npos);
}

// PostgreSQL's lexer is quadratic in a run of operator characters (lexer.hpp), so such a
// run is found before the parser sees it; `--` comments, which it skips, do not count.
TEST(LexerTest, FindsOperatorRunsTooLongToParse) {
  const std::string longest(max_operator_run, '+');
  EXPECT_FALSE(find_long_operator_run("SELECT 1 " + longest + " 1"));
  const auto run = find_long_operator_run("SELECT 1 " + longest + "+ 1");
  ASSERT_TRUE(run);
  EXPECT_EQ(run->offset, 9u);
  EXPECT_GT(run->length, max_operator_run);
  EXPECT_FALSE(find_long_operator_run("-- " + std::string(5000, '=') + "\nSELECT 1"));
  // Nested comments written without blanks, and quoted text, which may be lexed again.
  EXPECT_TRUE(find_long_operator_run(std::string(200, '/') + std::string(200, '*')));
  EXPECT_TRUE(find_long_operator_run("DO $$ BEGIN " + longest + "* END $$"));
  EXPECT_TRUE(find_long_operator_run("SELECT '--' " + longest + "+"));
  // A quote in a block comment opens nothing: the `--` banner after it is a comment.
  EXPECT_FALSE(find_long_operator_run("/* it's */ SELECT 1; -- " + longest + longest));
}

}  // namespace
}  // namespace migsafe::rules::sql
