// The SQL inside every rule's help (not only require-if-not-exists', whose forms
// tests/rules/sql/guarded_statement_test.cpp covers) is valid for names that need quotes:
// reserved words and mixed case. Each statement is cut out of the help and parsed.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/rules/rule_test_support.hpp"
#include "tests/rules/suggested_sql.hpp"

namespace migsafe::rules {
namespace {

using testing::findings_of;
using testing::parses_with_guard;

// A statement inside a help: the text between `begin` (the start when empty) and `end`
// (the end when empty), after `prefix` where the help holds only a clause of one.
struct Piece {
  std::string begin;
  std::string end;
  std::string must_hold;
  std::string prefix = {};
};

struct Case {
  std::string rule;
  std::string sql;  // $N: the name
  std::vector<Piece> pieces;
};

std::string with_name(std::string sql, const std::string& name) {
  for (std::size_t at = sql.find("$N"); at != std::string::npos; at = sql.find("$N", at)) {
    sql.replace(at, 2, name);
    at += name.size();
  }
  return sql;
}

std::string cut(const std::string& help, const Piece& piece) {
  std::size_t from = 0;
  if (!piece.begin.empty()) {
    from = help.find(piece.begin);
    if (from == std::string::npos) return std::string();
    from += piece.begin.size();
  }
  const std::size_t to = piece.end.empty() ? help.size() : help.find(piece.end, from);
  if (to == std::string::npos) return std::string();
  return piece.prefix + help.substr(from, to - from);
}

const std::string alembic_then = "`), then ";

TEST(HelpSqlTest, EveryRuleHelpHoldsSqlThatParsesWithQuotedNames) {
  const std::vector<Case> cases = {
      {"require-concurrent-index-creation",
       "CREATE UNIQUE INDEX $N ON $N ($N);",
       {{"write ", " outside a transaction", "CONCURRENTLY IF NOT EXISTS"}}},
      {"require-concurrent-index-creation",
       "CREATE INDEX ON $N USING btree (lower($N));",
       {{"write ", " outside a transaction", "INDEX CONCURRENTLY ON"}}},
      {"require-concurrent-index-deletion",
       "DROP INDEX $N;",
       {{"write ", " (one index per statement)", "CONCURRENTLY IF EXISTS"}}},
      {"adding-primary-key",
       "ALTER TABLE $N ADD CONSTRAINT $N PRIMARY KEY ($N);",
       {{"", " (in Alembic", "CREATE UNIQUE INDEX CONCURRENTLY"},
        {alembic_then, "", "PRIMARY KEY USING INDEX"}}},
      {"adding-primary-key",
       "ALTER TABLE $N ADD COLUMN $N bigint PRIMARY KEY;",
       {{"fill it, then ", " (in Alembic", "CREATE UNIQUE INDEX CONCURRENTLY"},
        {alembic_then, "", "PRIMARY KEY USING INDEX"}}},
      {"disallowed-unique-constraint",
       "ALTER TABLE $N ADD CONSTRAINT $N UNIQUE ($N);",
       {{"", " (in Alembic", "CREATE UNIQUE INDEX CONCURRENTLY"},
        {alembic_then, "", "UNIQUE USING INDEX"}}},
      {"disallowed-unique-constraint",
       "ALTER TABLE $N ADD COLUMN $N text UNIQUE;",
       {{"add the column, then ", " (in Alembic", "CREATE UNIQUE INDEX CONCURRENTLY"},
        {alembic_then, "", "UNIQUE USING INDEX"}}},
      {"adding-not-null-constraint",
       "ALTER TABLE $N ALTER COLUMN $N SET NOT NULL;",
       {{"", "; then VALIDATE", "NOT VALID"},
        {"; then ", "; then SET NOT NULL", "VALIDATE CONSTRAINT", "ALTER TABLE t "}}},
      {"constraint-missing-not-valid",
       "ALTER TABLE $N ADD CONSTRAINT $N CHECK ($N > 0);",
       {{"then ", " in a separate statement", "VALIDATE CONSTRAINT"}}},
      {"constraint-missing-not-valid",
       "ALTER TABLE $N ADD CONSTRAINT $N FOREIGN KEY ($N) REFERENCES plates (id);",
       {{"then ", " in a separate statement", "VALIDATE CONSTRAINT"}}},
      {"adding-required-field",
       "ALTER TABLE $N ADD COLUMN $N bigint NOT NULL;",
       {{"then add ", ", VALIDATE it", "NOT VALID", "ALTER TABLE t ADD "}}},
      {"require-concurrent-reindex",
       "REINDEX INDEX $N;",
       {{"", ", outside a transaction", "REINDEX INDEX CONCURRENTLY"}}},
      {"require-concurrent-reindex",
       "REINDEX TABLE $N;",
       {{"", ", outside a transaction", "REINDEX TABLE CONCURRENTLY"}}},
      {"require-concurrent-refresh",
       "REFRESH MATERIALIZED VIEW $N;",
       {{"", " (needs a unique index", "REFRESH MATERIALIZED VIEW CONCURRENTLY"}}},
      {"enum-value-change",
       "DROP TYPE $N;",
       {{"keep the type and ", " for new values", "ADD VALUE IF NOT EXISTS"}}},
  };
  for (const Case& c : cases) {
    for (const std::string name : {"\"user\"", "\"order\"", "\"select\"", "\"UserAccounts\""}) {
      const std::string sql = with_name(c.sql, name);
      const auto findings = findings_of(c.rule, sql);
      ASSERT_EQ(findings.size(), 1u) << c.rule << ": " << sql;
      const std::string& help = findings[0].help;
      EXPECT_NE(help.find(name), std::string::npos) << c.rule << ": " << help;
      for (const Piece& piece : c.pieces) {
        EXPECT_TRUE(parses_with_guard(cut(help, piece), piece.must_hold)) << c.rule << ": " << help;
      }
    }
  }
}

}  // namespace
}  // namespace migsafe::rules
