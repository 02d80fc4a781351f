#pragma once

#include <string>
#include <string_view>

namespace migsafe::model {

enum class CheckStatus { passed, failed, skipped };

std::string_view check_status_name(CheckStatus status);

// The outcome of one named check of `migsafe check`.
struct CheckResult {
  std::string name;
  CheckStatus status = CheckStatus::passed;
  long long duration_ms = 0;
  std::string note;  // why it was skipped, or a one-line summary
};

}  // namespace migsafe::model
