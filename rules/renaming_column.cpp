#include "rules/renaming_column.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {
namespace {

// ALTER TYPE t RENAME ATTRIBUTE a TO b CASCADE, on a composite type this migration did not
// create, renames column a of every typed table (CREATE TABLE ... OF t). Without CASCADE
// PostgreSQL refuses when such a table exists, so only CASCADE reaches one.
std::vector<Violation> renamed_in_typed_tables(const sql::Rename& r, const Context& context) {
  if (!r.cascade || !context.existed_before("type", r.target.name)) return {};
  const std::string type = r.target.display();
  return single(
      {"RENAME ATTRIBUTE " + r.old_name + " TO " + r.new_name + " CASCADE on type " + type +
           " renames the column in every table of that type (CREATE TABLE ... OF " + type +
           "): the code running beside the migration still uses " + r.old_name + " and fails",
       "detach the typed tables first (ALTER TABLE ... NOT OF), then expand-contract: add " +
           r.new_name + ", write to both, backfill, move reads to " + r.new_name + ", and drop " +
           r.old_name + " in a later release",
       {}});
}

}  // namespace

std::vector<Violation> RenamingColumn::check(const sql::Statement& statement,
                                             const Context& context) const {
  const auto* r = statement.as<sql::Rename>();
  if (r != nullptr && r->object == "attribute") return renamed_in_typed_tables(*r, context);
  if (r == nullptr || r->object != "column" ||
      !is_existing_column(context, r->target, r->old_name)) {
    return {};
  }
  const std::string table = r->target.display();
  return single(
      {"RENAME COLUMN " + r->old_name + " TO " + r->new_name + " on " + table +
           ": the code running beside the migration still uses " + r->old_name + " and fails",
       "expand-contract: add " + r->new_name + ", write to both, backfill, move reads to " +
           r->new_name + ", and drop " + r->old_name + " in a later release",
       {}});
}

}  // namespace migsafe::rules
