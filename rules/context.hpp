#pragma once

#include <map>
#include <set>
#include <string>

#include "model/dialect.hpp"
#include "rules/schema_state.hpp"
#include "rules/sql/statement.hpp"

namespace migsafe::rules {

using Dialect = model::Dialect;

// What the linter knows about the world outside the SQL.
struct ContextOptions {
  int pg_version = 17;
  Dialect dialect = Dialect::postgresql;
  // Alembic runs each migration in a transaction (transaction_per_migration or one for
  // all): statements count as inside one unless the SQL says COMMIT.
  bool assume_in_transaction = false;
  // lock_timeout comes from the connection (env.py, config, PGOPTIONS).
  bool lock_timeout_set_externally = false;
};

// Who opened the transaction a statement runs in.
enum class TransactionOpener {
  unknown,    // no BEGIN or COMMIT yet in a unit not assumed in a transaction: the tool
              // that runs a .sql file may have opened one around it
  none,       // no transaction: the last one ended
  tool,       // Alembic's BEGIN (sql::Author::tool), or assume_in_transaction's
  migration,  // the migration's own BEGIN, nested in the tool's or not: the COMMIT
              // written after it is the one it was written for
};

// What a rule may ask about the migration at the statement being checked. The tracker
// (rules/context_tracker.hpp) keeps it up to date; rules only read it.
class Context {
 public:
  explicit Context(ContextOptions options = {}) : options_(options) {
    in_transaction_ = options.assume_in_transaction;
    if (in_transaction_) opener_ = TransactionOpener::tool;
  }

  const ContextOptions& options() const { return options_; }
  int pg_version() const { return options_.pg_version; }
  Dialect dialect() const { return options_.dialect; }
  bool in_transaction() const { return in_transaction_; }
  // Who opened the transaction in progress (sql::Author), which the SQL does not say.
  TransactionOpener transaction_opener() const { return opener_; }
  bool lock_timeout_set() const {
    return options_.lock_timeout_set_externally || lock_timeout_set_;
  }

  // kind: "table", "index", "type", "sequence", ...; names compare without schema and
  // case-insensitively, as unquoted identifiers do.
  bool created_in_migration(const std::string& kind, const std::string& name) const;
  // An existing object: one this migration did not create.
  bool existed_before(const std::string& kind, const std::string& name) const {
    return !created_in_migration(kind, name);
  }
  // A column this migration added (ADD COLUMN, or a rename of such a column), to a table
  // it did not create. Columns of tables it created count through created_in_migration.
  bool column_created_in_migration(const std::string& table, const std::string& column) const;
  // DROP ... IF EXISTS ran earlier for this object: re-creating it re-runs cleanly.
  bool dropped_if_exists_before(const std::string& kind, const std::string& name) const;
  // Enum values added by ALTER TYPE ... ADD VALUE in the open transaction.
  const std::map<std::string, std::set<std::string>>& enum_values_added_in_transaction() const {
    return enum_values_added_;
  }
  // A function this migration created declaring it IMMUTABLE or STABLE (name lower case,
  // no schema): a default calling it is evaluated once, not per row.
  bool declared_non_volatile(const std::string& function) const {
    return non_volatile_functions_.count(function) > 0;
  }
  // Columns a validated CHECK (col IS NOT NULL) covers, per table.
  bool not_null_proven(const std::string& table, const std::string& column) const;

  // The schema as the statements before this one left it, on top of what earlier units
  // of the same project left (see rules/lint.hpp): column types, the table of an index,
  // the columns using a type.
  const SchemaState& schema() const { return schema_; }

  // Rules of the re-run pass (Rule::pass()) only: what running step `step` of the
  // statement again does on the schema the unit left behind (rules/schema_state.hpp says
  // what a step is). Rerun::unknown anywhere else.
  Rerun rerun(std::size_t step = 0) const {
    return rerun_ != nullptr && step < rerun_->size() ? (*rerun_)[step] : Rerun::unknown;
  }

 private:
  friend class ContextTracker;
  friend class RerunContext;
  ContextOptions options_;
  bool in_transaction_ = false;
  TransactionOpener opener_ = TransactionOpener::unknown;
  bool lock_timeout_set_ = false;
  std::set<std::string> created_;            // "kind:name"
  std::set<std::string> dropped_if_exists_;  // "kind:name"
  std::map<std::string, std::set<std::string>> enum_values_added_;
  std::set<std::string> not_null_checks_;  // "table.column"
  std::set<std::string> created_columns_;  // "table:column"
  std::set<std::string> non_volatile_functions_;
  SchemaState schema_;
  const RerunSteps* rerun_ = nullptr;
};

// The context a rule of the re-run pass sees: the options, and each statement's verdicts.
class RerunContext {
 public:
  explicit RerunContext(ContextOptions options) : context_(options) {}
  const Context& context() const { return context_; }
  void set_steps(const RerunSteps* steps) { context_.rerun_ = steps; }

 private:
  Context context_;
};

// Moves a Context past each statement of a migration, in order.
class ContextTracker {
 public:
  // `schema`: what earlier units of the same project left behind.
  explicit ContextTracker(ContextOptions options, SchemaState schema = {}) : context_(options) {
    context_.schema_ = std::move(schema);
  }
  const Context& context() const { return context_; }
  void after(const sql::Statement& statement);
  // The schema once the last statement ran; the tracker is done with it.
  SchemaState take_schema() { return std::move(context_.schema_); }

 private:
  Context context_;
  bool lock_timeout_local_ = false;                    // SET LOCAL: ends with the transaction
  std::map<std::string, std::string> pending_checks_;  // NOT VALID constraint -> "table.column"
};

// "kind:name" with the schema dropped and the name lower-cased.
std::string object_key(const std::string& kind, const std::string& name);

}  // namespace migsafe::rules
