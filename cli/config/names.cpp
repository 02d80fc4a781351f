#include "cli/config/names.hpp"

#include "analyzer/check/checks.hpp"
#include "rules/registry.hpp"

namespace migsafe::cli::config {

std::optional<Name> resolve_name(std::string_view text) {
  if (is_check_name(text)) return Name{NameKind::check, std::string(text)};
  if (auto id = rules::resolve_rule_id(text)) return Name{NameKind::rule, std::move(*id)};
  return std::nullopt;
}

bool is_check_name(std::string_view name) {
  for (const auto& check : analyzer::check::check_definitions()) {
    if (check.name == name) return true;
  }
  return false;
}

std::string check_names() {
  std::string out;
  for (const auto& check : analyzer::check::check_definitions()) {
    out += (out.empty() ? "" : ", ") + std::string(check.name);
  }
  return out;
}

std::string rule_ids() {
  std::string out;
  for (const rules::Rule* rule : rules::all_rules()) {
    out += (out.empty() ? "" : ", ") + std::string(rule->id());
  }
  for (std::string_view id : rules::linter_ids()) out += ", " + std::string(id);
  return out;
}

std::string valid_names_help() {
  return "name a check (" + check_names() + ") or a rule (" + rule_ids() +
         "); `migsafe rules` lists the rules with their aliases";
}

std::string valid_rules_help() {
  return "name a rule: " + rule_ids() + "; `migsafe rules` lists them with their aliases";
}

}  // namespace migsafe::cli::config
