#pragma once

#include <optional>
#include <string>
#include <string_view>

// The names --only/--skip and the config's enable/disable take: the checks of
// `migsafe check` (analyzer/check/checks.cpp's table) and the lint rules
// (rules/registry.cpp's). Every list here is read from those tables.
namespace migsafe::cli::config {

enum class NameKind { check, rule };

struct Name {
  NameKind kind;
  std::string name;  // as the table spells it: a squawk alias becomes its rule id
};

// The check or rule `text` names; nullopt when it is neither.
std::optional<Name> resolve_name(std::string_view text);

// Whether `name` is one of the checks of `migsafe check`.
bool is_check_name(std::string_view name);

// "single-head, upgrade, ...": the checks in the order `check` runs them.
std::string check_names();

// "adding-not-null-constraint, ..., syntax-error, ...": the rule ids, then the linter's own.
std::string rule_ids();

// How to fix an unknown name, listing the valid ones: checks and rules, or rules alone.
std::string valid_names_help();
std::string valid_rules_help();

}  // namespace migsafe::cli::config
