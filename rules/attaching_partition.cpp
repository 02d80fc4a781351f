#include "rules/attaching_partition.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

std::vector<Violation> AttachingPartition::check(const sql::Statement& statement,
                                                 const Context& context) const {
  std::vector<Violation> out;
  if (!is_postgres(context)) return out;
  const auto* a = statement.as<sql::AlterTable>();
  // ALTER INDEX ... ATTACH PARTITION joins two built indexes: no scan, brief locks.
  if (a == nullptr || a->object != "table") return out;
  for (const sql::AlterTableCommand& cmd : a->commands) {
    if (cmd.subtype != "AT_AttachPartition" || cmd.partition.name.empty()) continue;
    // A table this migration created (and filled) is scanned too, but nobody else uses it.
    if (!is_existing_table(context, cmd.partition)) continue;
    const std::string partition = cmd.partition.display();
    out.push_back({"ATTACH PARTITION " + partition + " to " + a->table.display() +
                       " takes ACCESS EXCLUSIVE on " + partition +
                       " (and on a default partition) and scans every row to check the "
                       "partition bound",
                   "first ADD a CHECK constraint matching the bound to " + partition +
                       " NOT VALID and VALIDATE it: ATTACH then skips the scan; set lock_timeout",
                   "ACCESS EXCLUSIVE on " + partition + ": blocks reads and writes"});
  }
  return out;
}

}  // namespace migsafe::rules
