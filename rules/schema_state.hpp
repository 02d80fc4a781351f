#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <string>
#include <vector>

#include "rules/sql/facts.hpp"

namespace migsafe::rules {

// What the simulation knows about one object.
enum class Known { unknown, present, absent };

// What running one step of a statement again does, on the schema the unit left behind.
enum class Rerun {
  unknown,      // the simulation does not know the object: judge the statement alone
  runs,         // it succeeds again, or is a guarded no-op
  exists,       // it fails: what it creates (or renames to) is already there
  missing,      // it fails: what it drops, renames or changes is not there
  no_relation,  // it fails: the table (or enum type) it changes is not there
  in_use,       // it fails: a DROP TYPE without CASCADE of a type a column still uses
};

// A statement's steps: one per ALTER TABLE command, one per name a DROP lists, one for
// any other statement.
using RerunSteps = std::vector<Rerun>;

// The schema as the statements seen so far leave it: tables with their columns and column
// types, indexes and constraints with their table, types with their enum labels, and the
// other named objects (sequences, views, triggers, functions, schemas, extensions...).
//
// Knowledge is three-valued. An object the statements created, renamed, altered or
// dropped is known; anything else is unknown: made by SQL the simulation cannot model, or
// existing before the first statement it saw. A table created by CREATE TABLE is known
// whole (a column it does not list is absent); a table known only from ALTER TABLE
// knows the columns those statements touched. Names compare without schema and
// case-insensitively, as unquoted identifiers do.
class SchemaState {
 public:
  // How a statement is applied. As the migration first runs, every statement ran (the
  // history says so): where the state disagrees, the state was wrong and the statement
  // wins. When it runs again, a step that fails is a no-op, as if it were guarded.
  enum class Mode { first_run, rerun };

  // Moves the state past one statement and says, per step, whether it ran (meaningful
  // for Mode::rerun). A guarded statement never fails.
  RerunSteps apply(const sql::Facts& facts, bool guarded, Mode mode);

  // Whether a statement of this kind can change the state (the others need no apply()).
  static bool changes_schema(const sql::Facts& facts);

  Known table(const std::string& name) const;
  Known column(const std::string& table, const std::string& column) const;
  // The column's type when known.
  const sql::TypeRef* column_type(const std::string& table, const std::string& column) const;
  // The table an index (or the index of a UNIQUE / PRIMARY KEY constraint) is on.
  std::optional<std::string> table_of_index(const std::string& index) const;
  // A type created by a statement the simulation saw: every column using it was seen too.
  bool type_created_here(const std::string& type) const;
  // Some present column, of a table the simulation knows, has this type.
  bool type_in_use(const std::string& type) const;
  // A column of this type was dropped, or changed to another type.
  bool type_lost_a_column(const std::string& type) const;

 private:
  struct Column {
    bool present = true;
    std::optional<sql::TypeRef> type;
  };
  struct Constraint {
    bool present = true;
    bool has_index = false;  // UNIQUE / PRIMARY KEY: an index of the same name
    std::vector<std::string> columns;
  };
  struct Table {
    bool present = true;
    bool complete = false;  // every column is known
    std::map<std::string, Column> columns;
    std::map<std::string, Constraint> constraints;
    std::vector<std::string> owned_sequences;  // serial and identity columns'
    // Indexes made on it (an entry may since be on another table: check Index::table).
    std::set<std::string> indexes;
  };
  struct Index {
    bool present = true;
    std::string table;
    std::vector<std::string> columns;
  };
  struct Type {
    bool present = true;
    bool complete = false;  // created here: every label is known
    std::map<std::string, bool> labels;  // label -> present (case-sensitive)
  };

  RerunSteps apply_create_table(const sql::CreateTable& t, bool guarded, Mode mode);
  RerunSteps apply_create_index(const sql::CreateIndex& i, bool guarded, Mode mode);
  RerunSteps apply_alter_table(const sql::AlterTable& a, bool guarded, Mode mode);
  Rerun apply_command(Table& table, const std::string& table_key,
                      const sql::AlterTableCommand& cmd, bool guarded, Mode mode);
  RerunSteps apply_drop(const sql::Drop& d, bool guarded, Mode mode);
  RerunSteps apply_rename(const sql::Rename& r, bool guarded, Mode mode);
  RerunSteps apply_create_type(const sql::CreateType& t, bool guarded, Mode mode);
  RerunSteps apply_alter_enum(const sql::AlterEnum& e, bool guarded, Mode mode);
  RerunSteps apply_create_object(const sql::CreateObject& o, bool guarded, Mode mode);

  Known table_known(const std::string& key) const;  // key: already lower-case
  Known relation(const std::string& key) const;     // any relation kind of that name
  Known object(const std::string& kind, const std::string& key) const;
  void drop_table(const std::string& key);
  void drop_column(Table& table, const std::string& table_key, const std::string& column);
  void add_constraint(Table& table, const std::string& table_key, const sql::Constraint& c);
  void drop_constraint(Table& table, const std::string& name);
  void type_loses_column(const std::optional<sql::TypeRef>& type);
  void add_index(Table& table, const std::string& table_key, const std::string& name,
                 std::vector<std::string> columns);
  // Calls f(Index&) for each index still on the table (present or not).
  template <class F>
  void for_each_index_of(const Table& table, const std::string& table_key, F f);
  Table& table_entry(const std::string& key);  // present; made (incomplete) when unknown

  // Hashed: a long script knows thousands of objects, and ordered maps compared their
  // names (which share prefixes) on every lookup.
  std::unordered_map<std::string, Table> tables_;  // lower-case name, no schema
  std::unordered_map<std::string, Index> indexes_;
  std::unordered_map<std::string, Type> types_;    // types and domains
  std::unordered_map<std::string, bool> objects_;  // "kind:name" -> present
  std::set<std::string> lost_a_column_;   // types a dropped or changed column had
};

}  // namespace migsafe::rules
