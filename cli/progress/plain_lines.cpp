#include "cli/progress/plain_lines.hpp"

#include "model/check_result.hpp"

namespace migsafe::cli {

void PlainLines::database_ready(const std::string& description) {
  out_ << "migsafe: database: " << description << std::endl;
}

void PlainLines::check_finished(const model::CheckResult& result) {
  if (result.duration_ms < threshold_ms_) return;
  out_ << "migsafe: " << result.name << ": " << model::check_status_name(result.status) << " ("
       << result.duration_ms << " ms)" << (result.note.empty() ? "" : ": " + result.note)
       << std::endl;
}

}  // namespace migsafe::cli
