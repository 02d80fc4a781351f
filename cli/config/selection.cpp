#include "cli/config/selection.hpp"

#include <algorithm>

#include "cli/config/names.hpp"
#include "model/error.hpp"
#include "rules/registry.hpp"

namespace migsafe::cli::config {

namespace {

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// Each name resolved (empty ones, from a stray comma, dropped); `source` names where
// they came from in the message about an unknown one.
std::vector<Name> resolved(const std::vector<std::string>& names, const std::string& source) {
  std::vector<Name> out;
  for (const std::string& name : names) {
    if (name.empty()) continue;
    auto known = resolve_name(name);
    if (!known) {
      throw model::UsageError(source + " " + name + ": no check or rule has this name",
                              valid_names_help());
    }
    out.push_back(std::move(*known));
  }
  return out;
}

void add(const std::vector<Name>& names, std::vector<std::string>& checks,
         std::set<std::string>& rules) {
  for (const Name& name : names) {
    if (name.kind == NameKind::rule) {
      rules.insert(name.name);
    } else if (!contains(checks, name.name)) {
      checks.push_back(name.name);
    }
  }
}

}  // namespace

Selection select(const CommonOptions& common, const Config& config) {
  const std::vector<Name> only = resolved(common.only, "--only");
  const std::vector<Name> skip = resolved(common.skip, "--skip");
  for (const Name& name : only) {
    const bool skipped = std::any_of(skip.begin(), skip.end(),
                                     [&](const Name& other) { return other.name == name.name; });
    if (skipped) {
      throw model::UsageError("--only and --skip both name " + name.name,
                              "name " + name.name + " in one of them");
    }
  }

  Selection selection;
  selection.only_given = !only.empty();
  if (selection.only_given) {
    add(only, selection.only_checks, selection.only_rules);
    if (!selection.only_rules.empty() && !contains(selection.only_checks, "lint")) {
      selection.only_checks.push_back("lint");
    }
  } else {
    add(resolved(config.enable, "the config's enable:"), selection.only_checks,
        selection.only_rules);
  }
  add(resolved(config.disable, "the config's disable:"), selection.skip_checks,
      selection.skip_rules);
  add(skip, selection.skip_checks, selection.skip_rules);
  return selection;
}

bool any_rule_selected(const Selection& selection) {
  const auto selected = [&](std::string_view id) {
    const std::string name(id);
    if (selection.skip_rules.count(name) > 0) return false;
    return selection.only_rules.empty() || selection.only_rules.count(name) > 0;
  };
  for (const rules::Rule* rule : rules::all_rules()) {
    if (selected(rule->id())) return true;
  }
  return std::any_of(rules::linter_ids().begin(), rules::linter_ids().end(), selected);
}

void require_lint_rules(const CommonOptions& common, const Selection& selection) {
  // Only the command line counts here: the config's check names are for `migsafe check`
  // (`disable = ["lint"]` keeps the lint check out of `check`, not `migsafe lint` out of a
  // pre-commit hook).
  if (contains(common.skip, "lint")) {
    throw model::UsageError("--skip lint leaves `migsafe lint` nothing to run",
                            "to leave rules out, --skip their ids");
  }
  if (selection.only_given && !contains(selection.only_checks, "lint")) {
    const std::string checks = joined(selection.only_checks);
    throw model::UsageError(
        "--only " + checks + " selects nothing `migsafe lint` runs: " + checks +
            (selection.only_checks.size() == 1 ? " is a check" : " are checks") +
            " of `migsafe check`",
        "name lint for every rule, or " + valid_rules_help());
  }
  if (!any_rule_selected(selection)) {
    std::vector<std::string> skipped(selection.skip_rules.begin(), selection.skip_rules.end());
    throw model::UsageError(
        "no lint rule is left to run: --skip and the config's disable "
        "skip every rule selected",
        "skip fewer rules or select others; skipped: " + joined(skipped));
  }
}

}  // namespace migsafe::cli::config
