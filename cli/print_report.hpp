#pragma once

#include "cli/common_options.hpp"
#include "cli/config/config.hpp"
#include "cli/report/render.hpp"
#include "model/report.hpp"

namespace migsafe::cli {

// The format --format names; throws model::UsageError for an unknown one. Commands call
// it before doing any work, so a typo costs nothing.
report::Format requested_format(const CommonOptions& common);

// How every command ends: the config's warnings first, the report rendered to stdout in
// the requested format, and the exit code --fail-on (else the config's fail_on) sets.
int print_report(model::Report& report, const CommonOptions& common, const config::Config& config);

}  // namespace migsafe::cli
