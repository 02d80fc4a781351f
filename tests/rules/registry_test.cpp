#include "rules/registry.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

namespace fs = std::filesystem;
using testing::source_path;

std::string file_stem(std::string_view id) {
  std::string out(id);
  for (char& c : out) c = c == '-' ? '_' : c;
  return out;
}

TEST(RegistryTest, SortedByIdWithUniqueIdsAndAliases) {
  const auto& rules = all_rules();
  ASSERT_GE(rules.size(), 24u);
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (i > 0) {
      EXPECT_LT(rules[i - 1]->id(), rules[i]->id());
    }
    EXPECT_TRUE(names.insert(rules[i]->id()).second) << rules[i]->id();
  }
  for (const RuleInfo& info : list_rules()) {
    for (std::string_view alias : info.aliases) {
      EXPECT_TRUE(names.insert(alias).second) << "alias used twice: " << alias;
    }
  }
}

TEST(RegistryTest, IdsAreKebabCaseWithSummaries) {
  for (const Rule* rule : all_rules()) {
    for (char c : rule->id()) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '-') << rule->id();
    EXPECT_FALSE(rule->summary().empty()) << rule->id();
  }
}

TEST(RegistryTest, EveryRuleHasDocsTestsAndFixtures) {
  for (const Rule* rule : all_rules()) {
    const std::string id(rule->id());
    EXPECT_TRUE(fs::exists(source_path(doc_path(id)))) << doc_path(id);
    EXPECT_TRUE(fs::exists(source_path("rules/" + file_stem(id) + ".hpp"))) << id;
    EXPECT_TRUE(fs::exists(source_path("tests/rules/" + file_stem(id) + "_test.cpp"))) << id;
    EXPECT_TRUE(fs::exists(source_path("fixtures/sql/" + id + "/bad.sql"))) << id;
    EXPECT_TRUE(fs::exists(source_path("fixtures/sql/" + id + "/good.sql"))) << id;
  }
}

TEST(RegistryTest, ResolvesIdsSquawkAliasesAndTheLintersOwnIds) {
  EXPECT_EQ(resolve_rule_id("require-if-not-exists"), "require-if-not-exists");
  EXPECT_EQ(resolve_rule_id("prefer-robust-stmts"), "require-if-not-exists");
  EXPECT_EQ(resolve_rule_id("adding-field-with-default"), "adding-volatile-default");
  EXPECT_EQ(resolve_rule_id("prefer-bigint-over-int"), "prefer-bigint");
  EXPECT_EQ(resolve_rule_id("require-timeout-settings"), "require-lock-timeout");
  EXPECT_EQ(resolve_rule_id("ban-concurrent-index-creation-in-transaction"),
            "ban-concurrent-index-in-transaction");
  EXPECT_EQ(resolve_rule_id("syntax-error"), "syntax-error");
  for (std::string_view id : linter_ids()) {
    EXPECT_EQ(resolve_rule_id(id), std::string(id));
    EXPECT_EQ(find_rule(id), nullptr) << id << " is the linter's own, not a rule's";
  }
  EXPECT_EQ(resolve_rule_id("no-such-rule"), std::nullopt);
  EXPECT_EQ(find_rule("no-such-rule"), nullptr);
  EXPECT_EQ(doc_path("ban-truncate"), "docs/rules/ban-truncate.md");
}

}  // namespace
}  // namespace migsafe::rules
