#pragma once

#include <string>

#include "analyzer/expand_contract/schema_changes.hpp"

namespace migsafe::analyzer::expand_contract {

// The expand-contract sequence that replaces a rename (a table's or a column's), as
// release steps with the op.* calls of each: add the new one, dual-write, backfill in
// batches, switch reads, drop the old one in a later release.
std::string rename_steps(const SchemaChange& rename, const std::string& python_type);

}  // namespace migsafe::analyzer::expand_contract
