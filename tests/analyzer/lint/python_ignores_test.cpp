#include "analyzer/lint/python_ignores.hpp"

#include <gtest/gtest.h>

namespace migsafe::analyzer::lint {
namespace {

TEST(PythonIgnores, TrailingCommentCoversItsLineOwnLineCommentAlsoTheNext) {
  const auto suppressions = python_suppressions(
      "def upgrade():\n"
      "    op.drop_column('plates', 'state')  # migsafe:ignore ban-drop-column\n"
      "    # migsafe:ignore renaming-table, ban-truncate\n"
      "    op.rename_table('a', 'b')\n"
      "# migsafe:ignore-file prefer-bigint\n"
      "x = '# migsafe:ignore not-a-comment'\n",
      "/p/versions/x.py", "x1");
  ASSERT_EQ(suppressions.size(), 3u);
  EXPECT_EQ(suppressions[0].rules, std::vector<std::string>{"ban-drop-column"});
  EXPECT_EQ(suppressions[0].first_line, 2);
  EXPECT_EQ(suppressions[0].last_line, 2);
  EXPECT_EQ(suppressions[0].where.file, "/p/versions/x.py");
  EXPECT_EQ(suppressions[0].where.column, 40);
  EXPECT_EQ(suppressions[0].where.revision, "x1");
  EXPECT_EQ(suppressions[1].rules, (std::vector<std::string>{"renaming-table", "ban-truncate"}));
  EXPECT_EQ(suppressions[1].first_line, 3);
  EXPECT_EQ(suppressions[1].last_line, 4);
  EXPECT_TRUE(suppressions[2].file_wide);
}

}  // namespace
}  // namespace migsafe::analyzer::lint
