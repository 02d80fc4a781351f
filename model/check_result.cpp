#include "model/check_result.hpp"

namespace migsafe::model {

std::string_view check_status_name(CheckStatus status) {
  switch (status) {
    case CheckStatus::passed:
      return "passed";
    case CheckStatus::failed:
      return "failed";
    case CheckStatus::skipped:
      return "skipped";
  }
  return "failed";
}

}  // namespace migsafe::model
