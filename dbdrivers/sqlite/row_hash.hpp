#pragma once

#include <SQLiteCpp/Statement.h>

#include <cstdint>

namespace migsafe::dbdrivers::sqlite {

// A 64-bit hash of the row `statement` stands on: every value's storage class, size
// and bytes, in column order, so NULL, '', 0, 0.0 and '0' all hash differently.
// The same row hashes the same in every run; TableContents sums these per table.
std::uint64_t hash_current_row(SQLite::Statement& statement);

}  // namespace migsafe::dbdrivers::sqlite
