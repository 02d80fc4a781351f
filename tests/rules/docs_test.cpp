// Every rule's doc page has its sections, and its Bad/Good SQL is linted, so the docs
// cannot drift from what the rules do.
#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::fixture_options;
using testing::read_text;
using testing::source_path;

// The ```sql block that follows the heading `## <name>`.
std::string sql_block(const std::string& page, const std::string& heading) {
  const std::size_t at = page.find("\n## " + heading + "\n");
  if (at == std::string::npos) return {};
  const std::size_t open = page.find("```sql\n", at);
  const std::size_t next_heading = page.find("\n## ", at + 4);
  if (open == std::string::npos || (next_heading != std::string::npos && open > next_heading)) {
    return {};
  }
  const std::size_t close = page.find("```", open + 7);
  return page.substr(open + 7, close - open - 7);
}

bool fires(const std::string& rule, const std::string& sql) {
  for (const auto& f : lint_sql(sql, "doc.sql", fixture_options(rule))) {
    if (f.rule == rule) return true;
  }
  return false;
}

TEST(DocsTest, EveryRulePageHasItsSections) {
  for (const Rule* rule : all_rules()) {
    const std::string page = read_text(source_path(doc_path(rule->id())));
    EXPECT_EQ(page.rfind("# " + std::string(rule->id()) + "\n", 0), 0u) << rule->id();
    for (const char* section : {"Problem", "Lock", "Solution", "Bad", "Good", "Options"}) {
      EXPECT_NE(page.find(std::string("\n## ") + section + "\n"), std::string::npos)
          << rule->id() << " lacks ## " << section;
    }
  }
}

TEST(DocsTest, BadSqlFiresAndGoodSqlDoesNot) {
  for (const Rule* rule : all_rules()) {
    const std::string id(rule->id());
    const std::string page = read_text(source_path(doc_path(id)));
    const std::string bad = sql_block(page, "Bad");
    const std::string good = sql_block(page, "Good");
    ASSERT_FALSE(bad.empty()) << id;
    ASSERT_FALSE(good.empty()) << id;
    EXPECT_TRUE(fires(id, bad)) << id << ": the Bad SQL of its doc page does not fire";
    EXPECT_FALSE(fires(id, good)) << id << ": the Good SQL of its doc page fires";
  }
}

}  // namespace
}  // namespace migsafe::rules
