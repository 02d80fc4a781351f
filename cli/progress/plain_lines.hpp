#pragma once

#include <ostream>

#include "analyzer/check/progress.hpp"

namespace migsafe::cli {

// Progress as plain lines, for a pipe or a CI log: the database once, then each check
// that took at least `threshold_ms` (0: every check, for -v).
class PlainLines : public analyzer::check::Progress {
 public:
  PlainLines(std::ostream& out, long long threshold_ms) : out_(out), threshold_ms_(threshold_ms) {}

  void database_ready(const std::string& description) override;
  void note(const std::string& text) override;
  void check_finished(const model::CheckResult& result) override;

 private:
  std::ostream& out_;
  long long threshold_ms_;
};

}  // namespace migsafe::cli
