#pragma once

#include <string>
#include <vector>

#include "analyzer/alembic/project.hpp"
#include "model/schema.hpp"

namespace migsafe::analyzer::expand_contract {

// What one revision did to the schema that code can notice: read from the schemas
// reflected before and after it (so SQLite's batch move-and-copy reads as what it
// meant), with renames told apart from a drop and an add by the statements it ran.
struct SchemaChange {
  enum class Kind {
    table_created,
    column_created,
    table_dropped,
    column_dropped,
    table_renamed,
    column_renamed,
    made_not_null,     // an existing column, nullable before
    default_dropped,   // a NOT NULL column's server default, which filled what INSERTs leave out
    constraint_added,  // CHECK, UNIQUE (constraint or unique index), FOREIGN KEY
  };
  Kind kind = Kind::table_created;
  std::string table;     // for a table rename, its old name
  std::string column;    // column changes: the column (for a rename, its old name)
  std::string new_name;  // renames: the new table or column name
  // column_created, made_not_null, column_renamed: the column as it is after the revision.
  model::Column after;
  // constraint_added: "CHECK", "UNIQUE" or "FOREIGN KEY", its name, and its columns
  // (for a CHECK: the columns of the table its expression names).
  std::string constraint_kind;
  std::string constraint_name;
  std::vector<std::string> columns;
  std::string check_expression;

  // "plates.number": what the change is about, as messages name it.
  std::string object() const { return column.empty() ? table : table + "." + column; }
};

// A rename a revision ran: ALTER TABLE ... RENAME [COLUMN], or the column mapping of
// Alembic's batch move-and-copy (INSERT INTO _alembic_tmp_t (new...) SELECT old... FROM t).
struct Rename {
  std::string table;   // the table (its old name for a table rename)
  std::string column;  // empty for a table rename
  std::string new_name;
};
std::vector<Rename> renames_in(const std::vector<alembic::EmittedStatement>& statements);

std::vector<SchemaChange> changes_between(const model::Schema& before, const model::Schema& after,
                                          const std::vector<Rename>& renames);

}  // namespace migsafe::analyzer::expand_contract
