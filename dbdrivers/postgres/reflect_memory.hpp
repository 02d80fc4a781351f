#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model/schema.hpp"

namespace migsafe::dbdrivers::postgres {

using Oid = long long;

// The version of every user object's catalog rows (the catalog_versions query of
// reflect_queries.cpp), by kind and oid:
//   't' a table's pg_class row, 'a' its columns (and the pg_type rows of the user types
//   they have), 'd' their defaults, 'c' its constraints, 'i' its indexes' pg_index
//   rows, 'p' its comments (pg_description); 'k' an index's own pg_class row (its name);
//   'S' a sequence, 'T' a type (not a table's row type), 'E' an enum's labels, 'F' a
//   function, 'N' a schema, 'C' a collation: objects that defaults, checks and index
//   expressions name;
//   'I' the database: its oid and the server's start time, as rows.
struct CatalogVersions {
  struct Version {
    long long rows = 0;
    long long newest = 0;  // the highest xmin of the rows
    bool operator==(const Version& other) const {
      return rows == other.rows && newest == other.newest;
    }
  };
  std::map<std::pair<char, Oid>, Version> versions;

  // The same database of the same server run: xmin and oids compare.
  bool same_database(const CatalogVersions& other) const;
  bool same(const CatalogVersions& other, char kind, Oid oid) const;
  // A table whose own rows differ ('t', 'a', 'd', 'c', 'i', 'p').
  bool table_changed(const CatalogVersions& other, Oid table) const;
  // An object that expressions name by its name ('S', 'T', 'F', 'N', 'C') and that was
  // there before and was rewritten (renamed, altered): the text of any default, check
  // or index that names it may have changed, in any table.
  bool named_object_rewritten(const CatalogVersions& before) const;
};

// A table as the last reflection read it, with what tells whether it is still so.
struct RememberedTable {
  model::Table table;           // empty for a table reflection leaves out (exclude_tables)
  bool reported = false;        // in the schema (not excluded)
  std::vector<Oid> indexes;     // the indexes read for it (not those of its constraints)
  std::vector<Oid> referred;    // the tables its foreign keys refer to
};

// What the last reflection of one database read: the next one with the same options
// reads again only the tables whose catalog rows changed since, or that refer to one
// that did (a `check` reflects its scratch database twice per revision; a revision
// changes a few tables of a hundred). Kept beside the kept connection
// (reading_connection.hpp) and only while reuse is on.
struct ReflectMemory {
  std::string options;  // the ReflectOptions it was read with, as text
  CatalogVersions versions;
  std::map<Oid, RememberedTable> tables;
  std::map<Oid, std::map<int, std::string>> column_names;  // attnum -> name, by table
};

// The tables of `listed` (every table the tables query returned) that must be read
// again, or nullopt when everything must: another database or options, or a named
// object rewritten.
std::optional<std::set<Oid>> tables_to_read(const ReflectMemory* memory, const std::string& options,
                                            const CatalogVersions& now,
                                            const std::vector<Oid>& listed);

}  // namespace migsafe::dbdrivers::postgres
