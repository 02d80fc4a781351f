#include "cli/config/lint_settings.hpp"

#include "cli/config/selection.hpp"
#include "dbdrivers/database_url.hpp"
#include "model/error.hpp"

namespace migsafe::cli::config {

namespace fs = std::filesystem;

analyzer::lint::Settings lint_settings(const CommonOptions& common, const Config& config) {
  analyzer::lint::Settings settings;
  auto& options = settings.rules;
  const Selection selection = select(common, config);
  options.enabled = selection.only_rules;
  options.disabled = selection.skip_rules;
  options.severity = config.severity;
  if (config.pg_version) options.context.pg_version = *config.pg_version;
  if (config.assume_in_transaction)
    options.context.assume_in_transaction = *config.assume_in_transaction;
  const auto& set_by = config.lock_timeout_set_by;
  options.context.lock_timeout_set_externally =
      !set_by.empty() && set_by != "none" && set_by != "migration";

  if (!common.db.empty()) {
    settings.dialect = analyzer::lint::dialect_of_db_option(common.db);
    if (!settings.dialect) {
      throw model::UsageError("--db " + dbdrivers::mask_passwords(common.db) +
                                  ": migsafe lints PostgreSQL and SQLite only",
                              "use --db sqlite, --db postgres or a postgresql:// / sqlite:// URL");
    }
    options.context.dialect = *settings.dialect;
  }
  settings.exclude = config.exclude;
  std::error_code ec;
  settings.exclude_base = config.file.empty() ? fs::current_path(ec) : config.file.parent_path();
  settings.url_env_var = config.database_url_env;
  settings.since = common.since;
  settings.base_ref = common.base_ref.empty() ? config.base_ref : common.base_ref;
  settings.deploy_order = !common.deploy_order.empty()   ? common.deploy_order
                          : !config.deploy_order.empty() ? config.deploy_order
                                                         : "code-first";
  return settings;
}

}  // namespace migsafe::cli::config
