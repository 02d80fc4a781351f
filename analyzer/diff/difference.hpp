#pragma once

#include <string>
#include <vector>

namespace migsafe::analyzer::diff {

enum class ObjectKind {
  table,
  column,
  primary_key,
  unique_constraint,
  check_constraint,
  foreign_key,
  index,
  enum_type,
  sequence,
};

// missing: the expected side (models) has it, the actual side (database) does not;
// unexpected: the other way round; changed: both have it, an attribute differs.
enum class Change { missing, unexpected, changed };

// One typed difference between two schemas, like an Alembic autogenerate operation.
// Reporters never see it: to_findings() turns it into model::Finding.
struct Difference {
  ObjectKind kind = ObjectKind::table;
  Change change = Change::changed;
  std::string table;      // table name (schema-qualified outside the default schema); empty for enums/sequences
  std::string name;       // the object: column, constraint, index, enum or sequence name; the table for tables
  std::string attribute;  // what changed: "type", "nullable", "server_default", "labels", ...; empty otherwise
  std::string expected;   // the expected side, as it would be declared ("-" when absent)
  std::string actual;     // the actual side
  std::string fix;        // the Alembic operation that brings the actual side in line
};

std::string object_kind_name(ObjectKind kind);  // "column", "unique constraint", ...

}  // namespace migsafe::analyzer::diff
