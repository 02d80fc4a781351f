#pragma once

#include <set>
#include <string>
#include <vector>

#include "cli/common_options.hpp"
#include "cli/config/config.hpp"

namespace migsafe::cli::config {

// What --only/--skip select over the config's enable/disable (--only replaces enable,
// --skip adds to disable): the checks of `migsafe check` and the lint rules. Every name
// is as the tables spell it (cli/config/names.hpp).
struct Selection {
  // The checks --only names, with `lint` added when it names rules (so `--only
  // ban-truncate` runs the lint check); without --only, the checks enable names. Empty:
  // the checks on by default.
  std::vector<std::string> only_checks;
  std::vector<std::string> skip_checks;
  std::set<std::string> only_rules;  // rule ids; empty: every rule
  std::set<std::string> skip_rules;
  bool only_given = false;  // --only named something
};

// Throws model::UsageError, listing the valid names, for an --only/--skip name that is
// neither a check nor a rule, and for a name both --only and --skip give. (The config's
// names were checked when it was read.)
Selection select(const CommonOptions& common, const Config& config);

// Whether any rule (or the linter's own syntax-error, unknown-rule, unused-ignore) is
// left to report once the selection is applied.
bool any_rule_selected(const Selection& selection);

// Throws model::UsageError when `migsafe lint` would run no rule: --skip lint, an --only
// naming neither `lint` nor a rule (only checks of `migsafe check`), or every selected rule
// skipped.
void require_lint_rules(const CommonOptions& common, const Selection& selection);

}  // namespace migsafe::cli::config
