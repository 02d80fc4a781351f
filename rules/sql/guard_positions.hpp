#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/sql/statement_edit.hpp"

// Where PostgreSQL's grammar puts each guard in a statement, found on its tokens: the
// index of the token the guard goes before, or nullopt when the statement is not
// written the way the function expects.
namespace migsafe::rules::sql {

// After the words `words` starting at token `at`.
std::optional<std::size_t> after_words(const StatementEdit& edit, std::size_t at,
                                       const std::vector<std::string_view>& words);

// CREATE ... <keyword> |name: the first `keyword` of the statement's head (TABLE, INDEX,
// SEQUENCE, VIEW...); after INDEX, after CONCURRENTLY too.
std::optional<std::size_t> after_create_keyword(const StatementEdit& edit,
                                                std::string_view keyword);

// ALTER TABLE|INDEX|SEQUENCE|VIEW|MATERIALIZED VIEW|FOREIGN TABLE |name
std::optional<std::size_t> after_alter_head(const StatementEdit& edit);

// The first token of each command of ALTER TABLE [IF EXISTS] [ONLY] name [*] cmd, cmd...
std::vector<std::size_t> command_starts(const StatementEdit& edit);

// DROP <object> [CONCURRENTLY] |name; `object` as facts name it ("materialized view").
std::optional<std::size_t> after_drop_head(const StatementEdit& edit, const std::string& object);

// ALTER TYPE name ADD VALUE |'label'
std::optional<std::size_t> after_add_value(const StatementEdit& edit);

// INSERT |INTO (SQLite's OR IGNORE goes there).
std::optional<std::size_t> after_insert(const StatementEdit& edit);

// INSERT ... |RETURNING ..., or the end: where ON CONFLICT goes.
std::optional<std::size_t> before_returning(const StatementEdit& edit);

// Whether the statement has an ON CONFLICT clause of its own.
bool has_on_conflict(const StatementEdit& edit);

}  // namespace migsafe::rules::sql
