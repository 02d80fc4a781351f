#include "analyzer/check/checks.hpp"

namespace migsafe::analyzer::check {

model::CheckStatus check_upgrade(CheckSession& session) {
  return session.ensure_upgraded() ? model::CheckStatus::passed : model::CheckStatus::failed;
}

}  // namespace migsafe::analyzer::check
