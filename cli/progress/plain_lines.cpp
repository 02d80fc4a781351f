#include "cli/progress/plain_lines.hpp"

#include <string>

#include "model/check_result.hpp"

namespace migsafe::cli {

void PlainLines::database_ready(const std::string& description) {
  // One write per line: a reader of the pipe never sees half of it.
  out_ << ("migsafe: database: " + description + "\n") << std::flush;
}

void PlainLines::note(const std::string& text) {
  out_ << ("migsafe: note: " + text + "\n") << std::flush;
}

void PlainLines::check_finished(const model::CheckResult& result) {
  if (result.duration_ms < threshold_ms_) return;
  out_ << ("migsafe: " + result.name + ": " + std::string(model::check_status_name(result.status)) +
           " (" + std::to_string(result.duration_ms) + " ms)" +
           (result.note.empty() ? "" : ": " + result.note) + "\n")
       << std::flush;
}

}  // namespace migsafe::cli
