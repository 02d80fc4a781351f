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

}  // namespace
}  // namespace migsafe::rules::sql
