#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <string>
#include <vector>

#include "rules/sql/facts.hpp"

// Internal to rules/sql: turns one libpg_query statement node into Facts.
namespace migsafe::rules::sql {

// `node` is a RawStmt's stmt: a Node holding a CreateStmt, an IndexStmt, ...
Facts build_facts(const PgQuery__Node* node);

// Every string constant in a tree (enum values a statement may use).
void collect_string_literals(const PgQuery__Node* node, std::vector<std::string>& out);

}  // namespace migsafe::rules::sql
