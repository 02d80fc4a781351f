#pragma once

#include <string>
#include <vector>

#include "model/finding.hpp"
#include "rules/lint.hpp"

// Shared by the rule tests: lint a fixture under fixtures/sql/<rule-id>/ and keep the
// findings of one rule.
namespace migsafe::rules::testing {

std::string source_path(const std::string& relative);  // under the repository root
std::string read_text(const std::string& path);

// Options a fixture of this rule needs (SQLite rules lint as SQLite).
LintOptions fixture_options(const std::string& rule);

// Findings of `rule` when fixtures/sql/<rule>/<file> is linted.
std::vector<model::Finding> fixture_findings(const std::string& rule, const std::string& file);

// Findings of `rule` in a SQL text.
std::vector<model::Finding> findings_of(const std::string& rule, const std::string& sql,
                                        const LintOptions& options = {});

// Findings of `rule` in the last of `units`, linted as revisions of one project in order
// (each unit's SQL is a revision's), the schema carried from each to the next.
std::vector<model::Finding> chain_findings(const std::string& rule,
                                           const std::vector<std::string>& units,
                                           const LintOptions& options = {});

}  // namespace migsafe::rules::testing
