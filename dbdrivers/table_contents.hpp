#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "dbdrivers/database_url.hpp"

namespace migsafe::dbdrivers {

// What one table holds, reduced to what two reads of it can compare: its row count and
// a hash of its rows' content. The hash is the sum (mod 2^64) of one hash per row, so it
// does not depend on the order rows come back in, and a row present twice counts twice.
// Rows deleted and inserted again with new ids (serial, AUTOINCREMENT) keep the count
// and change the hash. Hidden row addresses (ctid, an implicit rowid) are not content.
// Hashes compare only with hashes of the same database read the same way.
struct TableContents {
  long long rows = 0;
  std::uint64_t content_hash = 0;  // 0 for an empty table

  bool operator==(const TableContents& other) const {
    return rows == other.rows && content_hash == other.content_hash;
  }
  bool operator!=(const TableContents& other) const { return !(*this == other); }
};

// Keys are table names; on PostgreSQL, tables outside `public` are "schema.table".
using ContentsByTable = std::map<std::string, TableContents>;

// The contents of every user table, read-only, computed where the rows are: PostgreSQL
// sums the row hashes in SQL (no row is sent to migsafe); SQLite, in process, is hashed
// while its rows are stepped. System schemas are skipped, a partitioned table holds its
// partitions' rows once, and alembic_version is left out.
// Throws model::EnvironmentError when the database cannot be read.
ContentsByTable read_table_contents(const DatabaseUrl& url);

}  // namespace migsafe::dbdrivers
