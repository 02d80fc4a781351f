#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/finding.hpp"

namespace migsafe::cli::config {

// `[tool.migsafe]` of pyproject.toml, or the top level of migsafe.toml. Every field
// is optional in the file; an absent one keeps the default below.
struct Config {
  std::filesystem::path file;  // the file it came from; empty: no config file found

  // Check names and rule ids (cli/config/names.hpp), as the tables spell them. enable,
  // when not empty: only these checks (of `migsafe check`) and rules run; its rules
  // alone do not keep the other checks from running, as --only's do.
  std::vector<std::string> enable;
  std::vector<std::string> disable;                 // checks and rules turned off
  std::map<std::string, model::Severity> severity;  // rule id -> severity
  std::optional<int> pg_version;                    // target PostgreSQL major version
  std::optional<bool> assume_in_transaction;        // statements run inside a transaction
  // Who sets lock_timeout when the migration does not: "connection" (env.py's
  // connection options), "config", ...; empty: nobody, the migration must.
  std::string lock_timeout_set_by;
  std::vector<std::string> exclude;  // globs of paths lint skips
  std::string seed;                  // "package.module:function" run after upgrade
  std::string database_url_env = "DATABASE_URL";
  std::optional<model::Severity> fail_on;
  // Seconds one migration step may run in `check` (--timeout overrides); 0: no limit.
  std::optional<double> timeout;
  // Expand-contract (docs/expand-contract.md): when migrations run relative to the code
  // deploy ("code-first", "migrate-first"; --deploy-order overrides), and the git ref
  // whose revisions are already deployed (--base-ref overrides); empty: not set.
  std::string deploy_order;
  std::string base_ref;

  // Problems that do not stop a run: unknown keys. Findings of check "config" with
  // severity warning, pointing at the file and line.
  std::vector<model::Finding> warnings;
};

// Loads the config for a command: `explicit_file` when given (--config), else
// `[tool.migsafe]` in the nearest pyproject.toml at or above `start` (a file's folder
// or a folder), else the nearest migsafe.toml. A pyproject.toml without a
// [tool.migsafe] table is passed over. No file at all gives the defaults.
// Throws model::UsageError for a missing --config file, malformed TOML (with
// line:column), a value of the wrong type, or a check or rule name no table has (listing
// the valid ones).
Config load_config(const std::filesystem::path& start,
                   const std::filesystem::path& explicit_file = {});

// Parses one config file's text; `pyproject` says whether the settings live under
// [tool.migsafe]. `file` names the source in messages and findings.
Config parse_config(const std::string& text, const std::filesystem::path& file, bool pyproject);

}  // namespace migsafe::cli::config
