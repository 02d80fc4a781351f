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

ReportPrinter::ReportPrinter(const model::Report& header, const CommonOptions& common,
                             const config::Config& config)
    : fail_on_(report::fail_on_threshold(common.fail_on, config.fail_on)) {
  report::RenderOptions options;
  options.color = report::color_for_stdout();
  renderer_ = report::make_renderer(requested_format(common), std::cout, options);
  renderer_->start(header);
  for (const auto& warning : config.warnings) add(warning);
}

void ReportPrinter::add(const model::Finding& finding) {
  summary_.count(finding.severity);
  renderer_->add(finding);
}

int ReportPrinter::finish() {
  renderer_->finish();
  return report::exit_code(summary_, fail_on_);
}

int print_report(const model::Report& report, const CommonOptions& common,
                 const config::Config& config) {
  ReportPrinter printer(report, common, config);
  for (const auto& finding : report.findings) printer.add(finding);
  return printer.finish();
}

}  // namespace migsafe::cli
