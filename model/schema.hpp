#pragma once

#include <optional>
#include <string>
#include <vector>

namespace migsafe::model {

// A database schema as plain data. Reflection (dbdrivers) and the model export
// (analyzer/alembic) both produce it; analyzer/diff compares two of them. Types,
// defaults and expressions are kept as the database or dialect spells them; the diff
// normalises them, so producers never have to.

struct Column {
  std::string name;
  std::string type;  // e.g. "character varying(255)", "INTEGER"
  bool nullable = true;
  std::optional<std::string> server_default;  // SQL expression text
  std::optional<std::string> identity;        // "always" or "by default"
  std::optional<std::string> generated;       // generation expression (stored/virtual)
  std::optional<std::string> collation;
  std::optional<std::string> comment;
  bool autoincrement = false;  // serial / INTEGER PRIMARY KEY rowid alias
  // The models fill it on INSERT (SQLAlchemy's default=, not in the database); models only.
  bool client_default = false;
  // The SQLAlchemy type as Python source ("sa.String(length=2)") when the column comes
  // from the models; empty for reflected columns. Only used to write fix hints.
  std::string python_type;
};

struct PrimaryKey {
  std::string name;
  std::vector<std::string> columns;
};

struct UniqueConstraint {
  std::string name;
  std::vector<std::string> columns;
  bool nulls_not_distinct = false;
};

struct CheckConstraint {
  std::string name;
  std::string expression;
};

struct ForeignKey {
  std::string name;
  std::vector<std::string> columns;
  std::string referred_schema;  // empty: the default schema
  std::string referred_table;
  std::vector<std::string> referred_columns;
  std::string on_delete;  // "CASCADE", "SET NULL", ...; empty = NO ACTION
  std::string on_update;
  bool deferrable = false;
  bool initially_deferred = false;
};

struct Index {
  std::string name;
  bool unique = false;
  std::string method;                  // "btree", "gin", ...; empty = default
  std::vector<std::string> elements;   // column names or expressions, in order
  std::vector<std::string> include;    // INCLUDE (...) columns
  std::optional<std::string> predicate;  // partial index WHERE clause
  bool nulls_not_distinct = false;
};

struct Table {
  std::string schema;  // empty: the default schema
  std::string name;
  std::vector<Column> columns;
  std::optional<PrimaryKey> primary_key;
  std::vector<UniqueConstraint> uniques;
  std::vector<CheckConstraint> checks;
  std::vector<ForeignKey> foreign_keys;
  std::vector<Index> indexes;
  std::optional<std::string> comment;

  const Column* find_column(const std::string& column_name) const;
};

struct Enum {
  std::string schema;
  std::string name;
  std::vector<std::string> labels;  // in sort order
};

struct Sequence {
  std::string schema;
  std::string name;
  std::string data_type;  // "bigint", ...
  long long start = 1;
  long long increment = 1;
  std::string owned_by;  // "table.column" for serial/identity sequences, else empty
};

struct Schema {
  std::vector<Table> tables;
  std::vector<Enum> enums;
  std::vector<Sequence> sequences;

  const Table* find_table(const std::string& table_name) const;
};

}  // namespace migsafe::model
