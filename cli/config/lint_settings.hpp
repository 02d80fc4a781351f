#pragma once

#include "analyzer/lint/settings.hpp"
#include "cli/common_options.hpp"
#include "cli/config/config.hpp"

namespace migsafe::cli::config {

// The lint settings the command line and the config give: --only/--skip over
// enable/disable, severities, pg_version, assume_in_transaction, lock_timeout_set_by,
// --db's dialect, exclude globs (relative to the config file's folder), --since,
// --base-ref.
// `migsafe lint` uses it, and `migsafe check`'s lint step can too.
// Throws model::UsageError for an --only/--skip name that is neither a check nor a rule (see
// select() in cli/config/selection.hpp), a --db that is neither PostgreSQL nor SQLite.
analyzer::lint::Settings lint_settings(const CommonOptions& common, const Config& config);

}  // namespace migsafe::cli::config
