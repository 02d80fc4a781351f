#include "rules/transaction_nesting.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

// Only BEGIN is judged; a COMMIT ending the tool's transaction without a BEGIN of the
// migration's own is ban-commit-in-migration's. A BEGIN inside an open transaction is
// never the tool's: Alembic opens its transaction when none is open.
std::vector<Violation> TransactionNesting::check(const sql::Statement& statement,
                                                 const Context& context) const {
  if (!is_postgres(context) || statement.in_do_block || !context.in_transaction()) return {};
  const auto* tx = statement.as<sql::Transaction>();
  if (tx == nullptr || tx->kind != sql::TransactionKind::begin) return {};
  return single(
      {"BEGIN inside a transaction that is already open (the migration's own when "
       "Alembic runs it in one): PostgreSQL ignores it with a warning, and the COMMIT "
       "written for it commits the outer transaction early, so a failure after it "
       "leaves the migration half applied",
       std::string("remove the BEGIN and its COMMIT: the migration already runs in a "
                   "transaction; run what must be outside one in an autocommit block ") +
           autocommit_hint,
       {}});
}

}  // namespace migsafe::rules
