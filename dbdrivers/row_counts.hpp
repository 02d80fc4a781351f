#pragma once

#include <map>
#include <string>

#include "dbdrivers/database_url.hpp"

namespace migsafe::dbdrivers {

// The row count of every user table: read_table_contents() (table_contents.hpp) without
// the hashes, for callers that compare counts only. Same keys, same tables left out,
// same errors.
std::map<std::string, long long> count_rows(const DatabaseUrl& url);

}  // namespace migsafe::dbdrivers
