#pragma once

#include <string>
#include <utility>
#include <vector>

#include "rules/context.hpp"
#include "rules/rule.hpp"
#include "rules/sql/facts.hpp"
#include "rules/sql/statement.hpp"

// Small questions many rules ask; kept here so rules stay one screen long.
namespace migsafe::rules {

// A table this migration did not create: locking it affects live traffic.
bool is_existing_table(const Context& context, const sql::QualifiedName& table);

// A column of an existing table that this migration did not add (nor rename from one it
// added): code running beside the migration may use it.
bool is_existing_column(const Context& context, const sql::QualifiedName& table,
                        const std::string& column);

// Rules about PostgreSQL locks and types have nothing to say about SQLite.
inline bool is_postgres(const Context& context) { return context.dialect() == Dialect::postgresql; }

bool is_serial(const sql::TypeRef& type);         // serial, bigserial, smallserial, serial4...
bool is_small_integer(const sql::TypeRef& type);  // int2, int4, serial, smallserial

// A column a statement adds: by CREATE TABLE or by ALTER TABLE ... ADD COLUMN.
struct NewColumn {
  sql::QualifiedName table;
  const sql::Column* column = nullptr;
  bool new_table = false;  // from CREATE TABLE
};
std::vector<NewColumn> new_columns(const sql::Statement& statement);

// The statement as an ALTER TABLE of a table this migration did not create, or nullptr.
const sql::AlterTable* alter_of_existing_table(const sql::Statement& statement,
                                               const Context& context);

// The ALTER TABLE commands of a statement on an existing table (empty otherwise).
std::vector<const sql::AlterTableCommand*> commands_on_existing_table(
    const sql::Statement& statement, const Context& context, sql::AlterKind kind);

// A rule's single violation as its result. `return {{...}}` would copy the violation's
// strings out of the initializer list; this moves them.
inline std::vector<Violation> single(Violation violation) {
  std::vector<Violation> out;
  out.push_back(std::move(violation));
  return out;
}

// Alembic's way to run a statement outside the migration's transaction.
inline constexpr const char* autocommit_hint =
    "(in Alembic: inside `with op.get_context().autocommit_block():`)";

}  // namespace migsafe::rules
