#include "analyzer/expand_contract/rename_steps.hpp"

namespace migsafe::analyzer::expand_contract {

std::string rename_steps(const SchemaChange& rename, const std::string& python_type) {
  const std::string& table = rename.table;
  if (rename.kind == SchemaChange::Kind::table_renamed) {
    const std::string& to = rename.new_name;
    return "replace the rename with expand-contract, one release per step: "
           "(1) expand: op.create_table(\"" + to + "\", ...) with the same columns; "
           "(2) the models write both tables (dual-write) and a migration copies the rows in "
           "batches: op.execute(\"INSERT INTO " + to + " SELECT * FROM " + table +
           " WHERE id > :last ORDER BY id LIMIT 10000\") until none are left; "
           "(3) the models read " + to + " and stop mapping " + table + "; "
           "(4) contract, in a later release: op.drop_table(\"" + table + "\")";
  }
  const std::string& from = rename.column;
  const std::string& to = rename.new_name;
  const std::string type = python_type.empty() ? "<the type of " + from + ">" : python_type;
  return "replace the rename with expand-contract, one release per step: "
         "(1) expand: op.add_column(\"" + table + "\", sa.Column(\"" + to + "\", " + type +
         ", nullable=True)); "
         "(2) the models map both " + from + " and " + to + " and write both (dual-write), "
         "and a migration backfills in batches: op.execute(\"UPDATE " + table + " SET " + to +
         " = " + from + " WHERE id IN (SELECT id FROM " + table + " WHERE " + to +
         " IS NULL LIMIT 10000)\") until no row is left; "
         "(3) the models read " + to + " and stop mapping " + from + "; "
         "(4) contract, in a later release: op.drop_column(\"" + table + "\", \"" + from + "\")";
}

}  // namespace migsafe::analyzer::expand_contract
