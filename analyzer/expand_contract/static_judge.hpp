#pragma once

#include <vector>

#include "analyzer/expand_contract/deploy_order.hpp"
#include "model/finding.hpp"
#include "model/schema.hpp"
#include "rules/lint.hpp"

namespace migsafe::analyzer::expand_contract {

// The static part of expand-contract, for `migsafe lint` (the pre-commit hook: no
// database, no old models): each statement of a revision's offline SQL that drops or
// renames what the work tree's models map, or makes NOT NULL a column they declare
// nullable, is an error for the new code. What only a database shows (what a revision
// creates, its real defaults, the old code) is left to `migsafe check`.
// An ignore comment on the statement's line for the lint rule that flags the same
// statement (ban-drop-column, renaming-column, ...) or for expand-contract silences it.
std::vector<model::Finding> judge_statements(const rules::LintUnit& unit,
                                             const model::Schema& new_models, DeployOrder order);

// Whether `finding` (a lint rule's: ban-drop-column, ban-drop-table) is about dropping
// only what no model version in `models` maps: the safe contract step, not an error.
// `models` must hold every code version that meets the new schema: the new models in
// code-first, the old and the new ones in migrate-first.
bool is_contract_step(const model::Finding& finding, const std::vector<const model::Schema*>& models);

}  // namespace migsafe::analyzer::expand_contract
