// Proves on a real PostgreSQL 17 server the locks that docs/rules/coverage.md and the rule
// pages claim for the statements the newer rules flag, and that rules/locks.cpp names the
// same mode: each statement runs on the corpus schema (fixtures/sql/corpus/schema/base.sql),
// and pg_locks is read for the backend that ran it.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "rules/locks.hpp"
#include "rules/sql/parser.hpp"
#include "tests/rules/postgres/with_scratch_postgres.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::read_text;
using testing::source_path;

// What the examples need beyond base.sql: a materialized view with a unique index, a domain
// used by a column, a partitioned table the old events table can join, a row to rewrite in
// order_lines (its total_cents is a stored generated column), a composite type with a typed
// table.
const char* const extras = R"sql(
CREATE MATERIALIZED VIEW order_totals AS
  SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;
CREATE UNIQUE INDEX order_totals_customer_key ON order_totals (customer_id);
CREATE DOMAIN email_address AS text;
CREATE TABLE contacts (id bigint, email email_address);
ALTER DOMAIN email_address ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%') NOT VALID;
CREATE TABLE events_by_month (id bigint NOT NULL, kind text, payload jsonb,
                              occurred_at timestamptz) PARTITION BY RANGE (occurred_at);
CREATE SCHEMA archive;
INSERT INTO order_lines (order_id, quantity, unit_price) VALUES (1, 2, 12.5);
CREATE TYPE money_amount AS (cents integer, currency text);
CREATE TABLE price_points OF money_amount;
INSERT INTO price_points VALUES (1250, 'EUR');
)sql";

struct Case {
  std::string statement;
  std::map<std::string, std::string> locks;  // relation -> pg_locks.mode of the strongest lock
  bool in_transaction = true;                // false: read the lock it waits for instead
  // Whether rules/locks.cpp names it: a new table's foreign key is not its statement lock
  // (the statement creates an object); require-lock-timeout states that lock itself.
  bool statement_lock = true;
  // The relation whose lock locks.cpp names, when `locks` has more than one (else the one).
  std::string named = {};
  // Out of a transaction: the mode another session holds while the statement waits. The
  // weakest that conflicts with the lock expected, so an earlier, weaker lock the statement
  // takes (VACUUM opens the table with ACCESS SHARE first) is granted, and the one it waits
  // for is the lock it takes.
  std::string hold = {};
};

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      {"VACUUM FULL events", {{"events", "AccessExclusiveLock"}}, false, true, {}, "ACCESS SHARE"},
      {"VACUUM (ANALYZE) events",
       {{"events", "ShareUpdateExclusiveLock"}},
       false,
       true,
       {},
       "SHARE UPDATE EXCLUSIVE"},
      {"CLUSTER orders USING orders_pkey", {{"orders", "AccessExclusiveLock"}}},
      {"REINDEX INDEX users_email_idx",
       {{"users", "ShareLock"}, {"users_email_idx", "AccessExclusiveLock"}},
       true,
       true,
       "users"},
      {"REINDEX TABLE orders", {{"orders", "ShareLock"}}},
      {"REFRESH MATERIALIZED VIEW order_totals", {{"order_totals", "AccessExclusiveLock"}}},
      {"REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals", {{"order_totals", "ExclusiveLock"}}},
      {"ALTER TABLE events SET TABLESPACE pg_default", {{"events", "AccessExclusiveLock"}}},
      {"ALTER TABLE audit_events SET UNLOGGED", {{"audit_events", "AccessExclusiveLock"}}},
      {"ALTER TABLE audit_events SET ACCESS METHOD heap",
       {{"audit_events", "AccessExclusiveLock"}}},
      {"ALTER TABLE sessions ADD CONSTRAINT sessions_one_per_user EXCLUDE USING btree "
       "(user_id WITH =)",
       {{"sessions", "AccessExclusiveLock"}}},
      {"CREATE TABLE addresses (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id))",
       {{"users", "ShareRowExclusiveLock"}},
       true,
       false},
      {"CREATE TABLE refunds (id bigint PRIMARY KEY, payment_id bigint, FOREIGN KEY "
       "(payment_id) REFERENCES payments (id))",
       {{"payments", "ShareRowExclusiveLock"}},
       true,
       false},
      {"ALTER DOMAIN email_address ADD CONSTRAINT email_not_blank CHECK (VALUE <> '')",
       {{"contacts", "ShareLock"}}},
      {"ALTER DOMAIN email_address SET NOT NULL", {{"contacts", "ShareLock"}}},
      {"ALTER DOMAIN email_address VALIDATE CONSTRAINT email_has_at", {{"contacts", "ShareLock"}}},
      {"ALTER TABLE events_by_month ATTACH PARTITION events FOR VALUES FROM ('2025-01-01') TO "
       "('2026-01-01')",
       {{"events_by_month", "ShareUpdateExclusiveLock"}, {"events", "AccessExclusiveLock"}},
       true,
       true,
       "events"},
      {"CREATE POLICY invoices_owner ON invoices USING (customer_id = 1)",
       {{"invoices", "AccessExclusiveLock"}}},
      {"ALTER TABLE legacy_sessions SET SCHEMA archive",
       {{"legacy_sessions", "AccessExclusiveLock"}}},
      // PostgreSQL 17 syntax, read through SET DEFAULT by rules/sql/newer_forms.cpp.
      {"ALTER TABLE order_lines ALTER COLUMN total_cents SET EXPRESSION AS "
       "((quantity * unit_price * 1000)::bigint)",
       {{"order_lines", "AccessExclusiveLock"}}},
      {"ALTER TYPE money_amount ALTER ATTRIBUTE cents TYPE bigint CASCADE",
       {{"money_amount", "AccessExclusiveLock"}, {"price_points", "AccessExclusiveLock"}},
       true,
       true,
       "money_amount"},
      {"ALTER TYPE money_amount ADD ATTRIBUTE note text CASCADE",
       {{"money_amount", "AccessExclusiveLock"}, {"price_points", "AccessExclusiveLock"}},
       true,
       true,
       "money_amount"},
      {"ALTER TYPE money_amount DROP ATTRIBUTE currency CASCADE",
       {{"money_amount", "AccessExclusiveLock"}, {"price_points", "AccessExclusiveLock"}},
       true,
       true,
       "money_amount"},
      {"ALTER TYPE money_amount RENAME ATTRIBUTE cents TO amount_cents CASCADE",
       {{"price_points", "AccessExclusiveLock"}}},
  };
  return all;
}

// pg_locks' mode names, weakest first.
int strength(const std::string& mode) {
  static const std::vector<std::string> order = {
      "AccessShareLock", "RowShareLock",          "RowExclusiveLock", "ShareUpdateExclusiveLock",
      "ShareLock",       "ShareRowExclusiveLock", "ExclusiveLock",    "AccessExclusiveLock"};
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (order[i] == mode) return static_cast<int>(i);
  }
  return -1;
}

std::string mode_of(LockMode mode) {
  switch (mode) {
    case LockMode::access_share:
      return "AccessShareLock";
    case LockMode::row_share:
      return "RowShareLock";
    case LockMode::row_exclusive:
      return "RowExclusiveLock";
    case LockMode::share_update_exclusive:
      return "ShareUpdateExclusiveLock";
    case LockMode::share:
      return "ShareLock";
    case LockMode::share_row_exclusive:
      return "ShareRowExclusiveLock";
    case LockMode::exclusive:
      return "ExclusiveLock";
    case LockMode::access_exclusive:
      return "AccessExclusiveLock";
  }
  return {};
}

// relation -> strongest mode, over the rows of (relname, mode).
std::map<std::string, std::string> strongest(const pqxx::result& rows) {
  std::map<std::string, std::string> out;
  for (const auto& row : rows) {
    const std::string relation = row[0].c_str();
    const std::string mode = row[1].c_str();
    if (strength(mode) > strength(out[relation])) out[relation] = mode;
  }
  return out;
}

const char* const own_locks =
    "SELECT c.relname, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
    "WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation'";

class CoverageLocksTest : public WithScratchPostgres<::testing::Test> {
 protected:
  void SetUp() override {
    WithScratchPostgres::SetUp();
    if (IsSkipped()) return;
    pqxx::connection connection(scratch_->url().libpq_uri());
    pqxx::nontransaction tx(connection);
    tx.exec(read_text(source_path("fixtures/sql/corpus/schema/base.sql")));
    tx.exec(extras);
  }

  // The locks `statement` holds once it ran, in a transaction rolled back afterwards.
  std::map<std::string, std::string> held(const std::string& statement) {
    pqxx::connection connection(scratch_->url().libpq_uri());
    pqxx::work tx(connection);
    tx.exec(statement);
    const auto locks = strongest(tx.exec(own_locks));
    tx.abort();
    return locks;
  }

  // The lock `statement` waits for on `relation` while another session holds `hold` on it:
  // for statements that cannot run in a transaction block (VACUUM).
  std::map<std::string, std::string> awaited(const std::string& statement,
                                             const std::string& relation,
                                             const std::string& hold_mode) {
    const std::string uri = scratch_->url().libpq_uri();
    pqxx::connection holder(uri);
    pqxx::work hold(holder);
    hold.exec("LOCK TABLE " + relation + " IN " + hold_mode + " MODE");
    pqxx::connection runner(uri);
    const int pid = runner.backendpid();
    std::thread run([&] {
      pqxx::nontransaction tx(runner);
      tx.exec(statement);
    });
    pqxx::connection observer(uri);
    std::map<std::string, std::string> locks;
    for (int i = 0; i < 500 && locks.empty(); ++i) {
      pqxx::nontransaction look(observer);
      locks = strongest(look.exec(
          "SELECT c.relname, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
          "WHERE l.pid = " +
          std::to_string(pid) + " AND NOT l.granted"));
      if (locks.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    hold.abort();  // lets the statement run to its end
    run.join();
    return locks;
  }
};

TEST_F(CoverageLocksTest, TheServerTakesTheLocksTheDocsClaim) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.statement);
    const auto relation = c.locks.begin()->first;
    const auto locks =
        c.in_transaction ? held(c.statement) : awaited(c.statement, relation, c.hold);
    for (const auto& [name, mode] : c.locks) {
      const auto it = locks.find(name);
      ASSERT_NE(it, locks.end()) << "no lock on " << name;
      EXPECT_EQ(it->second, mode) << "on " << name;
    }
  }
}

// The statements the matrix says rewrite a table do (the table's file changes), and the ones
// it says do not, do not.
TEST_F(CoverageLocksTest, RewritesTheTablesTheDocsSayItRewrites) {
  struct Rewrite {
    std::string statement;
    std::string table;
    bool rewrites;
  };
  const std::vector<Rewrite> statements = {
      {"ALTER TABLE order_lines ALTER COLUMN total_cents SET EXPRESSION AS "
       "((quantity * unit_price * 1000)::bigint)",
       "order_lines", true},
      {"ALTER TYPE money_amount ALTER ATTRIBUTE cents TYPE bigint CASCADE", "price_points", true},
      {"ALTER TYPE money_amount ADD ATTRIBUTE note text CASCADE", "price_points", false},
  };
  for (const Rewrite& c : statements) {
    SCOPED_TRACE(c.statement);
    pqxx::connection connection(scratch_->url().libpq_uri());
    pqxx::work tx(connection);
    const std::string file = "SELECT pg_relation_filenode('" + c.table + "')::text";
    const std::string before = tx.exec(file)[0][0].c_str();
    tx.exec(c.statement);
    EXPECT_EQ(std::string(tx.exec(file)[0][0].c_str()) != before, c.rewrites);
    tx.abort();
  }
}

// rules/locks.cpp names, for each statement, the lock the server takes on the relation it
// names (the locks in `locks`, which the test above proves).
TEST(CoverageLocksCpp, NamesTheStrongestLockTheServerTakes) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.statement);
    if (!c.statement_lock) continue;
    const auto statements = sql::parse_script(c.statement);
    ASSERT_EQ(statements.size(), 1u);
    const auto lock = statement_lock(statements[0]);
    ASSERT_TRUE(lock.has_value());
    const std::string named = c.named.empty() ? c.locks.begin()->first : c.named;
    EXPECT_EQ(mode_of(lock->mode), c.locks.at(named)) << lock->describe();
  }
}

}  // namespace
}  // namespace migsafe::rules
