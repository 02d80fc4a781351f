#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.hpp"
#include "rules/rule.hpp"

namespace migsafe::rules {

struct RuleInfo {
  std::string_view id;
  std::vector<std::string_view> aliases;  // squawk's names for the same check
  std::string_view summary;
  model::Severity default_severity = model::Severity::error;
};

// Findings the linter itself reports; not rules, but ids users can name in ignores
// and config like any rule.
inline constexpr std::string_view syntax_error_id = "syntax-error";
inline constexpr std::string_view unused_ignore_id = "unused-ignore";
inline constexpr std::string_view unknown_rule_id = "unknown-rule";
// A revision Alembic's offline mode cannot render (analyzer/lint reports it).
inline constexpr std::string_view unrendered_revision_id = "unrendered-revision";
// Those four, in the order docs/rules/README.md lists them.
const std::vector<std::string_view>& linter_ids();

// Every rule, sorted by id.
const std::vector<const Rule*>& all_rules();
std::vector<RuleInfo> list_rules();

// The rule an id or alias names, or nullptr.
const Rule* find_rule(std::string_view id_or_alias);
// The canonical id for an id, an alias, or one of the linter's own ids; nullopt if unknown.
std::optional<std::string> resolve_rule_id(std::string_view id_or_alias);

// "docs/rules/<id>.md", relative to the repository root.
std::string doc_path(std::string_view id);

}  // namespace migsafe::rules
