#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "rules/sql/statement.hpp"

// The locks PostgreSQL 17 takes for migration statements (PostgreSQL 17 docs, "Explicit Locking"), in one
// place so every finding names the same lock for the same statement.
namespace migsafe::rules {

enum class LockMode {
  access_share,
  row_share,
  row_exclusive,
  share_update_exclusive,
  share,
  share_row_exclusive,
  exclusive,
  access_exclusive
};

std::string_view lock_name(LockMode mode);  // "ACCESS EXCLUSIVE"
bool blocks_reads(LockMode mode);
bool blocks_writes(LockMode mode);
// "blocks reads and writes", "blocks writes", "blocks neither reads nor writes"
std::string_view what_it_blocks(LockMode mode);

struct StatementLock {
  LockMode mode = LockMode::access_exclusive;
  std::string table;  // the relation locked; empty when none applies
  // "ACCESS EXCLUSIVE on plates: blocks reads and writes"
  std::string describe() const;
};

// The strongest lock a statement takes on an existing relation, if any (creating a
// new object, SET, BEGIN... lock nothing anyone else uses).
std::optional<StatementLock> statement_lock(const sql::Statement& statement);

// What a finding shows as its lock: statement_lock() described, or why there is none
// ("none on existing tables: creates a new object").
std::string lock_description(const sql::Statement& statement);

}  // namespace migsafe::rules
