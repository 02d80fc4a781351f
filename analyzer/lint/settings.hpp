#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/lint/read_file.hpp"
#include "rules/lint.hpp"

namespace migsafe::analyzer::lint {

// Everything `migsafe lint` needs beyond the paths, already resolved from the command
// line and the config.
struct Settings {
  // Rule selection, severities, pg_version, assume_in_transaction, lock timeout. The
  // dialect in it is used for .sql files; Alembic projects use their own (below).
  rules::LintOptions rules;
  // Forced by --db: lint every project as this dialect. Unset: each project's
  // sqlalchemy.url decides (SQLite projects get the sqlite rules; anything else,
  // including no URL, is PostgreSQL).
  std::optional<rules::Dialect> dialect;
  // Globs of paths not to lint (config `exclude`), matched against the path relative
  // to `exclude_base` and against the file name.
  std::vector<std::string> exclude;
  std::filesystem::path exclude_base;
  std::string url_env_var = "DATABASE_URL";
  // Only revisions after this one (--since); empty: all.
  std::string since;
  // Only revisions whose file changed since this git ref (--base-ref); empty: all.
  std::string base_ref;
  // Expand-contract's static part (docs/expand-contract.md): judge each revision's
  // drops, renames and NOT NULL against the project's models, naming `deploy_order` in
  // the findings. `migsafe check` turns it off: its expand-contract check judges what
  // really ran.
  bool judge_models = true;
  std::string deploy_order = "code-first";
  // The most one .sql file may hold (--max-file-size); read_file.hpp's default.
  std::uintmax_t max_file_bytes = default_max_file_bytes;
};

// The dialect --db names: a dialect name (model::parse_dialect), "docker" (a PostgreSQL
// service) or a URL of either dialect (model::dialect_of_url); nullopt for anything else.
std::optional<rules::Dialect> dialect_of_db_option(const std::string& db);

}  // namespace migsafe::analyzer::lint
