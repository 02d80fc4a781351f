// docs/rules/coverage.md, the coverage matrix, is kept honest here: every row "covered by
// `rule`" has its example linted and the rule must fire on it; every rule named must exist;
// every "not covered" reason must come from the closed list; every table has the same
// columns; and a row that says its statement takes no blocking lock must not take one.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "rules/lint.hpp"
#include "rules/locks.hpp"
#include "rules/registry.hpp"
#include "rules/schema_state.hpp"
#include "rules/sql/parser.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

using testing::read_text;
using testing::source_path;

constexpr const char* matrix_path = "docs/rules/coverage.md";
constexpr const char* header =
    "| id | statement or check | lock (PostgreSQL 17) | example | verdict |";
constexpr const char* separator = "| --- | --- | --- | --- | --- |";

struct Row {
  std::string section;  // the `## ` heading above the table
  int line = 0;
  std::string id, statement, lock, example, verdict;
  std::string where() const {
    return std::string(matrix_path) + ":" + std::to_string(line) + " [" + section + "] " + id;
  }
};

// "| a | b |" -> {"a", "b"}. The examples hold no `|` (the matrix generator refuses them).
std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  const std::string inner = line.substr(2, line.size() - 4);
  std::size_t start = 0;
  for (std::size_t at = inner.find(" | "); at != std::string::npos; at = inner.find(" | ", start)) {
    out.push_back(inner.substr(start, at - start));
    start = at + 3;
  }
  out.push_back(inner.substr(start));
  return out;
}

struct Matrix {
  std::vector<Row> rows;
  std::vector<std::string> sections;       // headings that hold a table
  std::vector<std::string> layout_errors;  // tables whose columns differ
};

Matrix read_matrix() {
  Matrix out;
  std::istringstream in(read_text(source_path(matrix_path)));
  std::string line;
  std::string section;
  int number = 0;
  bool in_table = false;
  while (std::getline(in, line)) {
    ++number;
    if (line.rfind("## ", 0) == 0) section = line.substr(3);
    if (line.rfind("| ", 0) != 0) {
      in_table = false;
      continue;
    }
    if (!in_table) {  // a table starts: it must have the one layout
      in_table = true;
      if (line != header) {
        out.layout_errors.push_back(section + ": header " + line);
      }
      out.sections.push_back(section);
      continue;
    }
    if (line == separator) continue;
    const auto c = cells(line);
    if (c.size() != 5) {
      out.layout_errors.push_back(section + ":" + std::to_string(number) + ": " +
                                  std::to_string(c.size()) + " cells: " + line);
      continue;
    }
    Row row{section, number, c[0], c[1], c[2], c[3], c[4]};
    if (row.example.size() >= 2 && row.example.front() == '`' && row.example.back() == '`') {
      row.example = row.example.substr(1, row.example.size() - 2);
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

const Matrix& matrix() {
  static const Matrix m = read_matrix();
  return m;
}

// The checks of `migsafe check`, read from their one table (analyzer/check/checks.cpp), so a
// `covered-by-check:<name>` reason names a check that exists.
std::set<std::string> check_names() {
  const std::string text = read_text(source_path("analyzer/check/checks.cpp"));
  static const std::regex entry(R"re(\{"([a-z-]+)", NeedsDatabase::)re");
  std::set<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), entry), end; it != end; ++it) {
    out.insert((*it)[1]);
  }
  return out;
}

const std::regex& covered_by() {
  static const std::regex r("covered by `([a-z-]+)`");
  return r;
}

const std::regex& not_covered() {
  static const std::regex r("not covered: (.+)");
  return r;
}

// The schema the examples run against: fixtures/sql/corpus/schema/base.sql, moved through as
// the revision before the example's.
const SchemaState& base_schema() {
  static const SchemaState schema = [] {
    SchemaState s;
    LintUnit unit;
    Piece piece;
    piece.sql = read_text(source_path("fixtures/sql/corpus/schema/base.sql"));
    piece.origin.file = "base.sql";
    piece.origin.line = 1;
    piece.origin.column = 1;
    unit.pieces.push_back(std::move(piece));
    advance_schema(unit, {}, s);
    return s;
  }();
  return schema;
}

// Every rule id that fires on `example`, linted as Alembic runs a revision: inside its
// transaction, with no lock_timeout set, after base.sql.
std::set<std::string> rules_firing(const std::string& example) {
  LintOptions options;
  options.context.assume_in_transaction = true;
  LintUnit unit;
  Piece piece;
  piece.sql = example;
  piece.origin.file = "example.sql";
  piece.origin.line = 1;
  piece.origin.column = 1;
  unit.pieces.push_back(std::move(piece));
  SchemaState schema = base_schema();
  std::set<std::string> fired;
  lint(unit, options, schema, [&](model::Finding&& f) { fired.insert(f.rule); });
  return fired;
}

std::string joined(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "nothing" : out;
}

TEST(CoverageMatrixTest, EveryTableHasTheOneLayout) {
  EXPECT_TRUE(matrix().layout_errors.empty())
      << "first: " << (matrix().layout_errors.empty() ? "" : matrix().layout_errors.front());
  // PostgreSQL and the five peers, each a table of its own.
  ASSERT_EQ(matrix().sections.size(), 6u);
  EXPECT_EQ(matrix().sections.front(), "PostgreSQL 17");
  EXPECT_GT(matrix().rows.size(), 150u);  // non-empty: the checks below cannot pass vacuously
}

TEST(CoverageMatrixTest, EveryVerdictIsARuleOrAReasonFromTheClosedList) {
  const std::set<std::string> checks = check_names();
  ASSERT_TRUE(checks.count("upgrade") == 1 && checks.count("single-head") == 1);
  for (const Row& row : matrix().rows) {
    std::smatch m;
    if (std::regex_match(row.verdict, m, covered_by())) {
      const std::string id = m[1];
      // A rule's canonical id (not a squawk alias), or one of the linter's own ids.
      EXPECT_EQ(resolve_rule_id(id), std::optional<std::string>(id))
          << row.where() << ": no rule " << id;
    } else if (std::regex_match(row.verdict, m, not_covered())) {
      const std::string reason = m[1];
      const bool listed =
          reason == "not-postgresql" || reason == "no-lock-on-existing-table" ||
          reason == "style-not-safety" ||
          (reason.rfind("covered-by-check:", 0) == 0 && checks.count(reason.substr(17)) == 1);
      EXPECT_TRUE(listed) << row.where() << ": reason not in the closed list: " << reason;
    } else {
      ADD_FAILURE() << row.where() << ": verdict neither covered nor justified: " << row.verdict;
    }
    EXPECT_FALSE(row.example.empty()) << row.where();
  }
}

// The test the issue asks for: a rule listed as covering a row fires on that row's example.
TEST(CoverageMatrixTest, EveryCoveringRuleFiresOnItsExample) {
  int linted = 0;
  for (const Row& row : matrix().rows) {
    std::smatch m;
    if (!std::regex_match(row.verdict, m, covered_by())) continue;
    const std::string rule = m[1];
    const std::set<std::string> fired = rules_firing(row.example);
    EXPECT_EQ(fired.count(rule), 1u) << row.where() << ": " << rule << " does not fire on\n  "
                                     << row.example << "\n  (fired: " << joined(fired) << ")";
    ++linted;
  }
  EXPECT_GT(linted, 100);
}

// "no-lock-on-existing-table" is a claim about the lock: the statement takes none that blocks
// writes (rules/locks.cpp, proven on a server by tests/rules/postgres/coverage_locks_test.cpp).
TEST(CoverageMatrixTest, RowsWithNoBlockingLockTakeNone) {
  for (const Row& row : matrix().rows) {
    if (row.verdict != "not covered: no-lock-on-existing-table") continue;
    for (const sql::Statement& s : sql::parse_script(row.example)) {
      ASSERT_FALSE(s.has_error) << row.where() << ": " << s.error.message;
      const auto lock = statement_lock(s);
      EXPECT_TRUE(!lock || !blocks_writes(lock->mode))
          << row.where() << ": " << row.example << " takes " << lock->describe();
    }
  }
}

// Every statement PostgreSQL locks with SHARE or stronger has a rule: no PostgreSQL row
// whose lock column names such a lock is left uncovered.
TEST(CoverageMatrixTest, EveryBlockingPostgresLockIsCoveredByARule) {
  for (const Row& row : matrix().rows) {
    if (row.section != "PostgreSQL 17") continue;
    if (std::regex_match(row.verdict, covered_by())) continue;
    const bool weak_only = row.lock.rfind("SHARE UPDATE EXCLUSIVE", 0) == 0 ||
                           row.lock.rfind("ACCESS SHARE", 0) == 0 ||
                           row.lock.rfind("ROW ", 0) == 0 || row.lock.rfind("no ", 0) == 0 ||
                           row.lock.rfind("none", 0) == 0;
    EXPECT_TRUE(weak_only) << row.where() << ": takes " << row.lock << " but no rule covers it";
  }
}

}  // namespace
}  // namespace migsafe::rules
