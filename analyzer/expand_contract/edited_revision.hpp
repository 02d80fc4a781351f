#pragma once

#include <string>

#include "analyzer/alembic/project.hpp"
#include "model/finding.hpp"

namespace migsafe::analyzer::expand_contract {

// The error for a revision file that existed at `ref` and was changed since: databases
// that already ran it never run the change. `order`, when not empty, is the deploy order
// the run judged (check's findings carry it).
model::Finding edited_revision_finding(const alembic::Revision& revision, const std::string& ref,
                                       const std::string& order);

}  // namespace migsafe::analyzer::expand_contract
