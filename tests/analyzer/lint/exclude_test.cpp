#include "analyzer/lint/exclude.hpp"

#include <gtest/gtest.h>

namespace migsafe::analyzer::lint {
namespace {

TEST(Exclude, MatchesRelativeToTheBaseTheGivenPathOrTheName) {
  const std::vector<std::string> globs = {"migrations/versions/legacy_*.py", "*.generated.sql"};
  EXPECT_TRUE(is_excluded("/repo/migrations/versions/legacy_001.py", globs, "/repo"));
  EXPECT_FALSE(is_excluded("/repo/migrations/versions/002_add.py", globs, "/repo"));
  EXPECT_TRUE(is_excluded("sql/x.generated.sql", globs, "/elsewhere"));
  EXPECT_FALSE(is_excluded("/repo/a.sql", {}, "/repo"));
  EXPECT_TRUE(is_excluded("/repo/deep/er/old.sql", {"**/old.sql"}, "/repo"));
}

}  // namespace
}  // namespace migsafe::analyzer::lint
