#include "rules/ban_commit_in_migration.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

// Only the migration's own COMMIT or ROLLBACK is judged (sql::Author): Alembic's, ending
// its transaction or opening an autocommit_block(), is spelled the same way. One that
// closes a transaction the migration opened itself is a normal script (a nested BEGIN's
// is transaction-nesting's finding); one after the last transaction ended ends nothing.
// Before any BEGIN of a .sql file the transaction is the runner's, if it wraps the file
// in one: the file did not open it either.
std::vector<Violation> BanCommitInMigration::check(const sql::Statement& statement,
                                                   const Context& context) const {
  if (statement.author != sql::Author::migration || statement.in_do_block) return {};
  const auto* tx = statement.as<sql::Transaction>();
  if (tx == nullptr ||
      (tx->kind != sql::TransactionKind::commit && tx->kind != sql::TransactionKind::rollback)) {
    return {};
  }
  const TransactionOpener opener = context.transaction_opener();
  if (opener != TransactionOpener::tool && opener != TransactionOpener::unknown) return {};
  const bool commit = tx->kind == sql::TransactionKind::commit;
  return single(
      {std::string(commit ? "COMMIT" : "ROLLBACK") +
           " ends the transaction the migration runs in (Alembic's, or the one the tool "
           "wraps the file in), which the migration did not open: " +
           (commit ? "the statements before it stay applied if a later one fails, "
                     "and the version table is not updated with them"
                   : "the statements before it are undone while the tool goes on as if "
                     "they ran, and the rest runs outside a transaction"),
       std::string("remove it: the tool commits the migration as a whole; run what must be "
                   "outside a transaction in an autocommit block ") +
           autocommit_hint,
       {}});
}

}  // namespace migsafe::rules
