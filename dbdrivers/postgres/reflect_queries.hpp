#pragma once

#include <string>
#include <vector>

namespace migsafe::dbdrivers::postgres {

// The catalog queries of reflection (reflect.cpp), run as prepared statements: a
// `check` reflects its scratch database twice per revision on one kept connection, and
// planning was a third of each query's time. Every query but referred_columns takes the
// schemas to read as $1 (a name[], see array_literal); each returns its rows in the
// order the reflected schema lists them.
enum class CatalogQuery {
  tables,       // oid, schema, name, comment
  columns,      // table oid, attnum, name, type, not null, default, identity, ...
  constraints,  // PK, unique, check, FK; column attnums, resolved in C++
  // Column names of tables outside the schemas read ($1: oid[]), for the rare foreign
  // key that refers to one (another schema, a partition).
  referred_columns,
  indexes,  // one row per index column; indexes backing a constraint left out
  enums,
  sequences,
  // No $1: (kind, oid, rows, newest xmin) of every user object (reflect_memory.hpp).
  catalog_versions,
  // columns, constraints and indexes of the listed tables only ($2: oid[]).
  listed_columns,
  listed_constraints,
  listed_indexes,
};

struct PreparedQuery {
  std::string name;  // of the prepared statement, unique per text
  std::string sql;
};

// Every query, in CatalogQuery's order, as a server of `server_version` (libpq's
// number, 170010) accepts it.
const std::vector<PreparedQuery>& catalog_queries(int server_version);
const PreparedQuery& catalog_query(CatalogQuery query, int server_version);

// `names` as a PostgreSQL array literal ({"public","app"}), the $1 of the queries.
std::string array_literal(const std::vector<std::string>& names);

}  // namespace migsafe::dbdrivers::postgres
