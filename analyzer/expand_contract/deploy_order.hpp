#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/expand_contract/deploy_order_name.hpp"
#include "analyzer/expand_contract/schema_changes.hpp"
#include "model/schema.hpp"

namespace migsafe::analyzer::expand_contract {

// The models of each code version: the new code's (the work tree's), and the old code's
// (at --base-ref; null when not known).
struct CodeVersions {
  const model::Schema* new_models = nullptr;
  const model::Schema* old_models = nullptr;
};

// A change one code version cannot live with.
struct Breakage {
  std::string code;  // "new" or "old"
  std::string message;
  std::string help;
};

// What breaks when `change` lands in `order`: each code version is judged against each
// schema it meets (code-first: the new code, before and after the migration;
// migrate-first: the old code and then the new one, after it). At most one breakage per
// code version. A drop of what no model version maps is the safe contract step: none.
std::vector<Breakage> judge(const SchemaChange& change, DeployOrder order, const CodeVersions& code);

// One code version (`code`: "new" or "old") against the schema `change` leaves, alone:
// the part a statement shows without a database.
std::optional<Breakage> judge_after(const SchemaChange& change, const model::Schema& models,
                                    const std::string& code);

}  // namespace migsafe::analyzer::expand_contract
