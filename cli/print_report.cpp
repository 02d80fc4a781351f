#include "cli/print_report.hpp"

#include <iostream>

#include "cli/report/exit_code.hpp"
#include "model/error.hpp"

namespace migsafe::cli {

const report::FormatDefinition& requested_format(const CommonOptions& common) {
  if (common.format.empty()) return report::format_definitions().front();
  const report::FormatDefinition* format = report::find_format(common.format);
  if (format == nullptr) {
    throw model::UsageError("--format " + common.format + ": no output format has this name",
                            "use one of: " + report::format_names());
  }
  return *format;
}

ReportPrinter::ReportPrinter(const model::Report& header, const CommonOptions& common,
                             const config::Config& config)
    : fail_on_(report::fail_on_threshold(common.fail_on, config.fail_on)) {
  report::RenderOptions options;
  options.color = report::color_for_stdout();
  renderer_ = requested_format(common).make(std::cout, options);
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
