#include "cli/print_report.hpp"

#include <iostream>

#include "cli/report/exit_code.hpp"
#include "model/error.hpp"

namespace migsafe::cli {

report::Format requested_format(const CommonOptions& common) {
  const auto format = report::parse_format(common.format);
  if (!format) {
    throw model::UsageError("unknown --format '" + common.format + "'",
                            "use one of: text, json, sarif, github");
  }
  return *format;
}

int print_report(model::Report& report, const CommonOptions& common, const config::Config& config) {
  const model::Severity fail_on = report::fail_on_threshold(common.fail_on, config.fail_on);
  report.findings.insert(report.findings.begin(), config.warnings.begin(), config.warnings.end());
  report::RenderOptions options;
  options.color = report::color_for_stdout();
  report::render(report, requested_format(common), std::cout, options);
  return report::exit_code(report.findings, fail_on);
}

}  // namespace migsafe::cli
