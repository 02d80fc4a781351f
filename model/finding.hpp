#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/location.hpp"

namespace migsafe::model {

enum class Severity { error, warning, info };

std::string_view severity_name(Severity severity);
std::optional<Severity> parse_severity(std::string_view name);

// One statement a finding covers: a rule that fires once per cause (one missing
// lock_timeout for a whole transaction) lists every statement it stands for.
struct Occurrence {
  Location location;
  std::string statement;
};

// One problem found by a check or a lint rule. A finding is data: checks and rules
// never print; reporters render findings from every check the same way.
struct Finding {
  std::string check;  // a check name (docs/cli.md): "replay", "lint", ...
  std::string rule;   // a lint rule id for lint findings, else the check's own name
  Severity severity = Severity::error;
  std::string message;  // what is wrong
  std::string help;     // how to fix it
  Location location;
  std::string statement;  // the SQL statement involved, if any
  std::string lock;       // the lock the statement takes and what it blocks, if known
  // Seen happen (a migration that failed, a schema that differs), not predicted from the
  // SQL: lint findings are predictions, the other checks' findings are proven.
  bool proven = true;
  // Every statement the finding stands for, the first being its own location and
  // statement; empty for a finding about one statement.
  std::vector<Occurrence> occurrences;
  // expand-contract findings: the deploy order judged ("code-first", "migrate-first")
  // and which code breaks ("new", "old"; empty when no code is named). Empty elsewhere.
  std::string deploy_order;
  std::string code;
};

}  // namespace migsafe::model
