#include "rules/ban_concurrent_index_in_transaction.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

std::vector<Violation> BanConcurrentIndexInTransaction::check(const sql::Statement& statement,
                                                              const Context& context) const {
  if (!is_postgres(context)) return {};
  std::string what;
  if (const auto* index = statement.as<sql::CreateIndex>(); index != nullptr && index->concurrent) {
    what = "CREATE INDEX CONCURRENTLY " + index->name + " on " + index->table.display();
  } else if (const auto* drop = statement.as<sql::Drop>();
             drop != nullptr && drop->concurrent && !drop->names.empty()) {
    what = "DROP INDEX CONCURRENTLY " + drop->names.front().display();
  } else if (const auto* m = statement.as<sql::Maintenance>();
             m != nullptr && m->command == "reindex" && m->concurrent) {
    what = "REINDEX CONCURRENTLY";
  } else if (const auto* a = statement.as<sql::AlterTable>(); a != nullptr && [&] {
               for (const auto& cmd : a->commands) {
                 if (cmd.subtype == "AT_DetachPartition" && cmd.concurrent) return true;
               }
               return false;
             }()) {
    what = "DETACH PARTITION CONCURRENTLY on " + a->table.display();
  } else {
    return {};
  }
  if (statement.in_do_block) {
    return single(
        {what + " runs inside a DO block, which is always one transaction: PostgreSQL "
                "rejects it",
         "run it as its own statement outside any transaction " + std::string(autocommit_hint),
         {}});
  }
  if (!context.in_transaction()) return {};
  return single({what +
                     " runs inside a transaction block: PostgreSQL rejects it (ERROR: cannot run "
                     "inside a transaction block)",
                 "COMMIT first, or run it " + std::string(autocommit_hint),
                 {}});
}

}  // namespace migsafe::rules
