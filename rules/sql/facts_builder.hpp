#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "rules/sql/facts.hpp"

// Internal to rules/sql: turns one libpg_query statement node into Facts.
namespace migsafe::rules::sql {

// `node` is the object under "stmt": {"CreateStmt": {...}}.
Facts build_facts(const nlohmann::json& node);

// Every string constant in a tree (enum values a statement may use).
void collect_string_literals(const nlohmann::json& node, std::vector<std::string>& out);

}  // namespace migsafe::rules::sql
