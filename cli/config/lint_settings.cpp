#include "cli/config/lint_settings.hpp"

#include <set>

#include "cli/config/check_names.hpp"
#include "model/error.hpp"
#include "rules/registry.hpp"

namespace migsafe::cli::config {

namespace {

namespace fs = std::filesystem;

// Rule ids given to --only/--skip; check names (`lint`, `replay`, ...) are accepted and
// mean nothing to lint, anything else is a usage error.
std::set<std::string> rule_ids(const std::vector<std::string>& names, const char* option) {
  std::set<std::string> ids;
  for (const auto& name : names) {
    if (name.empty()) continue;
    if (auto id = rules::resolve_rule_id(name)) {
      ids.insert(*id);
    } else if (is_check_name(name)) {
      continue;
    } else {
      throw model::UsageError(std::string(option) + " " + name + ": unknown rule",
                              "`migsafe rules` lists the rule ids");
    }
  }
  return ids;
}

// The rule ids among config names (check names and unknown names are dropped; the
// config already warned about the unknown ones).
std::set<std::string> known_rules(const std::vector<std::string>& names) {
  std::set<std::string> ids;
  for (const auto& name : names) {
    if (auto id = rules::resolve_rule_id(name)) ids.insert(*id);
  }
  return ids;
}

}  // namespace

analyzer::lint::Settings lint_settings(const CommonOptions& common, const Config& config) {
  analyzer::lint::Settings settings;
  auto& options = settings.rules;
  const auto only = rule_ids(common.only, "--only");
  if (!only.empty()) {
    options.enabled = only;
  } else {
    options.enabled = known_rules(config.enable);
  }
  options.disabled = known_rules(config.disable);
  const auto skip = rule_ids(common.skip, "--skip");
  options.disabled.insert(skip.begin(), skip.end());
  for (const auto& [name, severity] : config.severity) {
    if (auto id = rules::resolve_rule_id(name)) options.severity[*id] = severity;
  }
  if (config.pg_version) options.context.pg_version = *config.pg_version;
  if (config.assume_in_transaction) options.context.assume_in_transaction = *config.assume_in_transaction;
  const auto& set_by = config.lock_timeout_set_by;
  options.context.lock_timeout_set_externally = !set_by.empty() && set_by != "none" && set_by != "migration";

  if (!common.db.empty()) {
    settings.dialect = analyzer::lint::dialect_of_db_option(common.db);
    if (!settings.dialect) {
      throw model::UsageError("--db " + common.db + ": migsafe lints PostgreSQL and SQLite only",
                              "use --db sqlite, --db postgres or a postgresql:// / sqlite:// URL");
    }
    options.context.dialect = *settings.dialect;
  }
  settings.exclude = config.exclude;
  std::error_code ec;
  settings.exclude_base = config.file.empty() ? fs::current_path(ec) : config.file.parent_path();
  settings.url_env_var = config.database_url_env;
  settings.since = common.since;
  settings.base_ref = common.base_ref;
  return settings;
}

}  // namespace migsafe::cli::config
