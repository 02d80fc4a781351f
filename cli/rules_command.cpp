// `migsafe rules [RULE-ID]`: the rule list, or one rule's doc page. The pages
// (docs/rules/*.md) are compiled in by cli/CMakeLists.txt, so an installed binary
// explains its rules without a source tree.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/config/names.hpp"
#include "model/error.hpp"
#include "rules/registry.hpp"

namespace migsafe::cli {

// Defined in the generated rule_docs.cpp: (rule id, page text) per docs/rules/*.md.
const std::vector<std::pair<std::string_view, std::string_view>>& rule_docs();

namespace {

std::string joined(const std::vector<std::string_view>& items) {
  std::string out;
  for (auto item : items) out += (out.empty() ? "" : ", ") + std::string(item);
  return out;
}

void list_rules(std::ostream& out) {
  const auto rules_list = rules::list_rules();
  std::size_t width = 4;
  for (const auto& rule : rules_list) width = std::max(width, rule.id.size());
  out << std::string("id") + std::string(width - 2 + 2, ' ') << "severity  summary\n";
  for (const auto& rule : rules_list) {
    const std::string severity(model::severity_name(rule.default_severity));
    out << std::string(rule.id) << std::string(width - rule.id.size() + 2, ' ') << severity
        << std::string(10 - severity.size(), ' ') << rule.summary;
    if (!rule.aliases.empty()) out << " (aliases: " << joined(rule.aliases) << ")";
    out << '\n';
  }
  out << "\n`migsafe rules RULE-ID` shows a rule's doc page; `# migsafe:ignore RULE-ID` silences "
         "it.\n";
}

int explain_rule(const std::string& name, std::ostream& out) {
  const auto id = rules::resolve_rule_id(name);
  if (!id) {
    throw model::UsageError("rules " + name + ": no rule has this id", config::valid_rules_help());
  }
  for (const auto& [doc_id, text] : rule_docs()) {
    if (doc_id == *id) {
      out << text;
      if (!text.empty() && text.back() != '\n') out << '\n';
      return 0;
    }
  }
  // The linter's own ids (syntax-error, ...) and rules whose page is missing.
  out << "# " << *id << "\n\n";
  if (const rules::Rule* rule = rules::find_rule(*id)) {
    out << rule->summary()
        << "\n\nDefault severity: " << model::severity_name(rule->default_severity()) << '\n';
  } else {
    out << "Reported by the linter itself, not by a rule.\n";
  }
  return 0;
}

}  // namespace

CommandRunner add_rules_command(CLI::App& app, CommonOptions&) {
  auto* command = app.add_subcommand("rules", "list lint rules, or explain one (its doc page)");
  auto rule = std::make_shared<std::string>();
  command->add_option("RULE-ID", *rule, "a rule id or alias");
  return [command, rule]() -> int {
    if (!command->parsed()) return 0;
    if (rule->empty()) {
      list_rules(std::cout);
      return 0;
    }
    return explain_rule(*rule, std::cout);
  };
}

}  // namespace migsafe::cli
