#pragma once

#include <string>
#include <vector>

#include "rules/sql/facts.hpp"
#include "rules/sql/parse_tree.hpp"

// Internal to rules/sql: turns one libpg_query statement node into Facts.
namespace migsafe::rules::sql {

// `node` is a RawStmt's stmt: {"CreateStmt": {...}}, {"IndexStmt": {...}}, ...
Facts build_facts(Json node);

// Every string constant in a tree (enum values a statement may use).
void collect_string_literals(Json node, std::vector<std::string>& out);

}  // namespace migsafe::rules::sql
