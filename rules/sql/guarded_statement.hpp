#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/dialect.hpp"
#include "rules/sql/statement.hpp"

// The form of a statement that runs a second time without failing: the user's own
// statement with the guard it lacks (IF NOT EXISTS, IF EXISTS, OR REPLACE, ON CONFLICT
// DO NOTHING) spliced in where PostgreSQL's grammar puts it, or, when it has no such
// form, wrapped in a DO block that tests the catalog or catches the error a second run
// raises. Rules and checks show it as help; a test parses every form.
namespace migsafe::rules::sql {

struct GuardRequest {
  model::Dialect dialect = model::Dialect::postgresql;
  int pg_version = 17;  // CREATE OR REPLACE TRIGGER from 14 on
  // ALTER TABLE: the commands (by position) that fail when run again. Empty: every
  // command that can only run once (ADD/DROP COLUMN, ADD/DROP CONSTRAINT), or when there
  // is none, the ALTER COLUMNs (a replay saw the statement fail, not which part).
  std::vector<std::size_t> failing_commands;
  // The relation is gone when the statement runs again: ALTER TABLE IF EXISTS.
  bool relation_missing = false;
};

struct GuardedStatement {
  std::string sql;    // complete, on one line, without a trailing `;`
  std::string shown;  // sql, or its head and "... (the rest as written)" when long
  std::string guard;  // what was added: "IF NOT EXISTS", "a DO block", ...
  bool do_block = false;
};

// nullopt when the statement needs no guard, has none in this dialect (SQLite has no DO
// blocks and no ADD COLUMN IF NOT EXISTS), or did not parse.
std::optional<GuardedStatement> guarded_statement(const Statement& statement,
                                                  const GuardRequest& request = {});

// "write CREATE TABLE IF NOT EXISTS "user" (id bigint)", "wrap it in a DO block: DO $$
// BEGIN ...; EXCEPTION WHEN duplicate_object THEN NULL; END $$".
std::string guard_help(const GuardedStatement& guarded);

}  // namespace migsafe::rules::sql
