#include "analyzer/lint/python_comments.hpp"

#include <gtest/gtest.h>

namespace migsafe::analyzer::lint {
namespace {

TEST(PythonComments, FindsCommentsWithTheirPosition) {
  const auto comments = find_python_comments(
      "import x  # one\n"
      "# two\n"
      "    op.execute('SELECT 1')  # three\n");
  ASSERT_EQ(comments.size(), 3u);
  EXPECT_EQ(comments[0].line, 1);
  EXPECT_EQ(comments[0].column, 11);
  EXPECT_EQ(comments[0].text, " one");
  EXPECT_FALSE(comments[0].own_line);
  EXPECT_EQ(comments[1].line, 2);
  EXPECT_TRUE(comments[1].own_line);
  EXPECT_EQ(comments[2].line, 3);
  EXPECT_EQ(comments[2].text, " three");
}

TEST(PythonComments, SkipsHashesInsideStrings) {
  const auto comments = find_python_comments(
      "a = '# not'\n"
      "b = \"it's # not\"  # yes 1\n"
      "c = '''\n# not in triple\n'''  # yes 2\n"
      "d = r\"\\\" # still string\"\n"
      "e = \"\"\"x\"\"\" # yes 3\n");
  ASSERT_EQ(comments.size(), 3u);
  EXPECT_EQ(comments[0].text, " yes 1");
  EXPECT_EQ(comments[0].line, 2);
  EXPECT_EQ(comments[1].text, " yes 2");
  EXPECT_EQ(comments[1].line, 5);
  EXPECT_EQ(comments[2].text, " yes 3");
  EXPECT_EQ(comments[2].line, 7);
}

TEST(PythonComments, UnterminatedStringEndsAtTheLine) {
  const auto comments = find_python_comments("a = 'broken\n# after\n");
  ASSERT_EQ(comments.size(), 1u);
  EXPECT_EQ(comments[0].line, 2);
}

}  // namespace
}  // namespace migsafe::analyzer::lint
