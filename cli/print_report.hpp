#pragma once

#include <memory>

#include "cli/common_options.hpp"
#include "cli/config/config.hpp"
#include "cli/report/render.hpp"
#include "cli/report/summary.hpp"
#include "model/report.hpp"

namespace migsafe::cli {

// The format --format names (the table's first, text, when none is given); throws
// model::UsageError listing the formats for an unknown one. Commands call it before doing
// any work, so a typo costs nothing.
const report::FormatDefinition& requested_format(const CommonOptions& common);

// How every command ends, printed while findings arrive: the config's warnings first,
// then each finding, in the requested format on stdout; finish() returns the exit code
// --fail-on (else the config's fail_on) sets.
class ReportPrinter {
 public:
  // Starts the report: `header` is everything but its findings (which are not read).
  ReportPrinter(const model::Report& header, const CommonOptions& common,
                const config::Config& config);
  void add(const model::Finding& finding);
  int finish();

 private:
  model::Severity fail_on_;
  std::unique_ptr<report::Renderer> renderer_;
  report::Summary summary_;
};

// A report whose findings are all known: printed as ReportPrinter does.
int print_report(const model::Report& report, const CommonOptions& common,
                 const config::Config& config);

}  // namespace migsafe::cli
