#include "rules/lint.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "rules/sql/statement.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {
namespace {

TEST(LintTest, FindingsCarryPositionStatementLockAndRevision) {
  LintUnit unit;
  Piece piece;
  piece.sql = "SET lock_timeout = '2s';\n\nCREATE INDEX plates_owner_idx ON plates (owner_id);";
  piece.origin = {"migrations/0001.sql", 1, 1, "0001"};
  unit.pieces.push_back(piece);
  const auto findings = lint(unit);
  ASSERT_EQ(findings.size(), 2u);
  const auto& f = findings[0];
  EXPECT_EQ(f.check, "lint");
  EXPECT_EQ(f.rule, "require-concurrent-index-creation");
  EXPECT_EQ(f.location.file, "migrations/0001.sql");
  EXPECT_EQ(f.location.line, 3);
  EXPECT_EQ(f.location.column, 1);
  EXPECT_EQ(f.location.revision, "0001");
  EXPECT_EQ(f.statement, "CREATE INDEX plates_owner_idx ON plates (owner_id)");
  EXPECT_EQ(f.lock, "SHARE on plates: blocks writes");
  EXPECT_EQ(findings[1].rule, "require-if-not-exists");
}

TEST(LintTest, PiecesAtTheirOriginAndContextAcrossPieces) {
  LintUnit unit;
  Piece create{"CREATE TABLE IF NOT EXISTS plates (id bigint)",
               {"versions/a.py", 12, 5, "a"},
               Positions::at_origin};
  Piece index{"\n\nCREATE INDEX IF NOT EXISTS plates_id_idx ON plates (id)",
              {"versions/a.py", 14, 5, "a"},
              Positions::at_origin};
  Piece drop{"DROP TABLE IF EXISTS owners", {"versions/a.py", 15, 5, "a"}, Positions::at_origin};
  unit.pieces = {create, index, drop};
  const auto findings = lint(unit);
  ASSERT_FALSE(findings.empty());
  for (const auto& f : findings) {
    EXPECT_EQ(f.location.line, 15) << f.rule;  // the index is on a table created earlier
    EXPECT_EQ(f.location.column, 5);
  }
}

// Alembic gives each op.execute its own piece: a value added by one is still unusable
// in the next until COMMIT.
TEST(LintTest, EnumValueAddedInAnEarlierPieceIsSeenInTheNext) {
  LintUnit unit;
  Piece begin{"BEGIN", {"versions/b.py", 10, 5, "b"}, Positions::at_origin};
  Piece add{"ALTER TYPE plate_kind ADD VALUE IF NOT EXISTS 'bus'",
            {"versions/b.py", 11, 5, "b"},
            Positions::at_origin};
  Piece use{"SET lock_timeout = '2s'; UPDATE plates SET kind = 'bus' WHERE seats > 8",
            {"versions/b.py", 12, 5, "b"},
            Positions::at_origin};
  unit.pieces = {begin, add, use};
  LintOptions options;
  options.enabled = {"enum-value-change"};
  const auto findings = lint(unit, options);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "enum-value-change");
  EXPECT_EQ(findings[0].location.line, 12);
}

TEST(LintTest, PieceOriginShiftsLinesAndFirstLineColumns) {
  LintUnit unit;
  unit.pieces.push_back(
      {"SELECT 1;\nUPDATE plates SET a = 1", {"m.py", 10, 9, ""}, Positions::in_text});
  const auto findings = lint(unit);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "unbatched-backfill");
  EXPECT_EQ(findings[0].location.line, 11);
  EXPECT_EQ(findings[0].location.column, 1);
}

TEST(LintTest, SyntaxErrorsAreFindingsNeverExceptions) {
  const auto findings = lint_sql("SELECT 1;\nCREATE TABLE (id int);", "m.sql");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "syntax-error");
  EXPECT_EQ(findings[0].severity, model::Severity::error);
  EXPECT_EQ(findings[0].message, "syntax error at or near \"(\"");
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].location.column, 14);
}

TEST(LintTest, NewerSyntaxSaysTheParserIsTooOld) {
  const auto findings = lint_sql("SELECT JSON_OBJECT('plate': number) FROM plates;", "m.sql");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "syntax-error");
  EXPECT_EQ(findings[0].severity, model::Severity::warning);
  EXPECT_NE(findings[0].message.find("parser too old (PG 15 grammar)"), std::string::npos);
}

// PostgreSQL 17's SET EXPRESSION is read through SET DEFAULT (rules/sql/newer_forms.hpp):
// linted, no syntax error; a newer expression inside it still is one.
TEST(LintTest, SetExpressionIsReadDespiteTheOldGrammar) {
  const auto read = lint_sql("ALTER TABLE t ALTER COLUMN c SET EXPRESSION AS (a + 1);", "m.sql");
  ASSERT_FALSE(read.empty());
  for (const auto& f : read) EXPECT_NE(f.rule, "syntax-error") << f.message;
  const auto newer =
      lint_sql("ALTER TABLE t ALTER COLUMN c SET EXPRESSION AS (JSON_OBJECT('a': a));", "m.sql");
  ASSERT_EQ(newer.size(), 1u);
  EXPECT_EQ(newer[0].rule, "syntax-error");
  EXPECT_NE(newer[0].message.find("parser too old (PG 15 grammar)"), std::string::npos);
}

LintOptions sqlite_options(SqlSource source) {
  LintOptions options;
  options.context.dialect = Dialect::sqlite;
  options.source = source;
  return options;
}

// SQL SQLite ran is SQLite's: PostgreSQL's grammar rejecting it is no syntax error. The
// SQLite rules read it through its respelling (rules/sqlite_spellings.hpp), so the table
// made with AUTOINCREMENT is known to be new, and the DROP TABLE in backticks is seen.
TEST(LintTest, SqliteSqlThatRanIsNeverASyntaxError) {
  const auto findings = lint_sql(
      "CREATE TABLE IF NOT EXISTS plates (id INTEGER PRIMARY KEY AUTOINCREMENT, n TEXT) STRICT;\n"
      "PRAGMA main.table_info(\"plates\");\n"
      "SELECT sql FROM (SELECT * FROM sqlite_master) WHERE name = 'plates';\n"  // no alias
      "INSERT OR IGNORE INTO `plates` (n) SELECT name FROM [owners];\n"
      "CREATE VIRTUAL TABLE IF NOT EXISTS notes USING fts5(body);\n"  // not respelled
      "DROP TABLE IF EXISTS `legacy_plates`;\n",
      "m.sql", sqlite_options(SqlSource::executed));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "ban-drop-table");
  EXPECT_EQ(findings[0].location.line, 6);
  EXPECT_EQ(findings[0].statement, "DROP TABLE IF EXISTS `legacy_plates`");
  EXPECT_EQ(findings[0].message,
            "DROP TABLE legacy_plates: code still using legacy_plates fails, and its data is gone");
}

// SQLite SQL not run yet is linted through its respelling too; what not even that
// parses was seen by no rule, and says so (a warning, not an error: PostgreSQL's grammar
// is not SQLite's). PRAGMA is no rule's business.
TEST(LintTest, SqliteSqlOnlyWrittenIsLintedThroughItsRespelling) {
  const auto findings = lint_sql(
      "INSERT OR IGNORE INTO [plates] (n) SELECT name FROM owners;\n"
      "PRAGMA foreign_keys = ON;\n"
      "CREATE VIRTUAL TABLE IF NOT EXISTS notes USING fts5(body);\n",
      "m.sql", sqlite_options(SqlSource::written));
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].rule, "unbatched-backfill");
  EXPECT_EQ(findings[0].location.line, 1);
  EXPECT_EQ(findings[1].rule, "syntax-error");
  EXPECT_EQ(findings[1].severity, model::Severity::warning);
  EXPECT_EQ(findings[1].location.line, 3);
  EXPECT_EQ(findings[1].message,
            "syntax error at or near \"VIRTUAL\": PostgreSQL's grammar, which the rules read, "
            "does not parse this SQLite statement, so it was not linted");
}

// PostgreSQL ran it, so the PG 15 grammar that rejects it is too old: not an error.
TEST(LintTest, PostgresSqlThatRanIsNotAnError) {
  LintOptions options;
  options.source = SqlSource::executed;
  const auto findings = lint_sql("CREATE TABLE (id int);", "m.sql", options);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "syntax-error");
  EXPECT_EQ(findings[0].severity, model::Severity::warning);
  EXPECT_NE(findings[0].message.find("parser too old (PG 15 grammar); the database was given it"),
            std::string::npos)
      << findings[0].message;
}

TEST(LintTest, EmptyAndNonUtf8Input) {
  EXPECT_TRUE(lint_sql("", "m.sql").empty());
  EXPECT_TRUE(lint_sql("\n-- only a comment\n", "m.sql").empty());
  const auto findings = lint_sql("SELECT 'caf\xe9';\n", "m.sql");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "syntax-error");
  EXPECT_EQ(findings[0].message,
            "invalid UTF-8 byte 0xE9: PostgreSQL rejects the script in a UTF8 database");
  EXPECT_EQ(findings[0].location.column, 12);
  const std::string binary("\x00\xff\xfe\x01garbage;;\x80", 14);
  EXPECT_NO_THROW(lint_sql(binary, "m.sql"));
}

TEST(LintTest, EnableDisableAndSeverityOverridesAcceptAliases) {
  const std::string sql = "DROP TABLE IF EXISTS plates;";
  LintOptions only;
  only.enabled = {"ban-drop-table"};
  ASSERT_EQ(lint_sql(sql, "m.sql", only).size(), 1u);
  LintOptions skip;
  skip.disabled = {"ban-drop-table", "require-timeout-settings"};
  EXPECT_TRUE(lint_sql(sql, "m.sql", skip).empty());
  LintOptions severity;
  severity.enabled = {"ban-drop-table"};
  severity.severity = {{"ban-drop-table", model::Severity::info}};
  EXPECT_EQ(lint_sql(sql, "m.sql", severity).at(0).severity, model::Severity::info);
  LintOptions only_one;
  only_one.enabled = {"ban-drop-table"};
  EXPECT_EQ(lint_sql("DROP TABLE (;", "m.sql", only_one).at(0).rule, "syntax-error");
  LintOptions unknown;
  unknown.disabled = {"nope"};
  EXPECT_EQ(unknown_rule_names(unknown), std::vector<std::string>{"nope"});
}

TEST(LintTest, EveryStatementIsReportedNotJustTheFirst) {
  const auto findings = lint_sql(
      "SET lock_timeout = '2s';\nDROP TABLE IF EXISTS a;\nDROP TABLE IF EXISTS b;\n", "m.sql");
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[1].location.line, 3);
}

// Alembic's bookkeeping is the caller's to recognise (analyzer/lint/bookkeeping.cpp):
// the rules pass over what LintOptions::skip_statement names, and lint the rest.
TEST(LintTest, SkippedStatementsAreNotLinted) {
  LintOptions options;
  options.skip_statement = [](const sql::Statement& s) { return s.node == "TruncateStmt"; };
  const auto findings = lint_sql("TRUNCATE plates;\nDROP TABLE plates;\n", "m.sql", options);
  ASSERT_FALSE(findings.empty());
  for (const model::Finding& finding : findings) {
    EXPECT_EQ(finding.location.line, 2) << finding.rule;  // DROP TABLE's, none for TRUNCATE
  }
}

// Issue 9, timed through fuzz/sql_lint_fuzzer.cpp (fuzz/regressions/sql_lint/):
// PostgreSQL's lexer takes time quadratic in a run of operator characters, 100,000
// nested `/*` over a minute, and so does `/**//**/...` nested no deeper than 2. Such SQL
// is not parsed: one error at the run, at once.
TEST(LintTest, OperatorRunsTooLongToParseAreOneErrorAtOnce) {
  std::string opened;
  std::string closed;
  std::string shallow;  // never nested deeper than 2, as slow
  for (int level = 0; level < 100000; ++level) {
    opened += "/*";
    closed += "*/";
    shallow += "/**/";
  }
  const auto started = std::chrono::steady_clock::now();
  for (const std::string& sql : {"SELECT 1;\n" + opened + " x " + closed + " SELECT 2;",
                                 "SELECT 1;\n" + opened, "SELECT 1;\n/*" + shallow + "*/ SELECT 2;",
                                 "SELECT 1;\n" + std::string(100000, '+') + " 1;"}) {
    for (const Dialect dialect : {Dialect::postgresql, Dialect::sqlite}) {
      LintOptions options;
      options.context.dialect = dialect;
      const auto findings = lint_sql(sql, "m.sql", options);
      ASSERT_EQ(findings.size(), 1u);
      EXPECT_EQ(findings[0].rule, "syntax-error");
      EXPECT_EQ(findings[0].severity, model::Severity::error);
      EXPECT_EQ(findings[0].location.line, 2);
      EXPECT_EQ(findings[0].location.column, 1);
      EXPECT_NE(findings[0].message.find("operator characters in a row"), std::string::npos);
    }
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(LintTest, TruncatedAndMangledScriptsNeverThrow) {
  // Every fixture cut short at many points, and with bytes flipped: findings, not crashes.
  const std::string sql =
      testing::read_text(testing::source_path("fixtures/sql/require-if-not-exists/good.sql"));
  for (std::size_t cut = 0; cut < sql.size(); cut += 7) {
    std::string mangled = sql.substr(0, cut);
    EXPECT_NO_THROW(lint_sql(mangled, "m.sql")) << cut;
    if (!mangled.empty()) mangled[mangled.size() / 2] = static_cast<char>(0xC3);
    EXPECT_NO_THROW(lint_sql(mangled + "$$ '\"/*", "m.sql")) << cut;
  }
}

// A finding of the re-run pass takes its statement's place among the others.
TEST(LintTest, RerunFindingsInStatementOrder) {
  LintOptions options;
  options.disabled = {"require-lock-timeout"};
  const auto findings = lint_sql(
      "CREATE INDEX plates_owner_idx ON plates (owner_id);\n"
      "ALTER TABLE plates DROP COLUMN region;\n",
      "m.sql", options);
  ASSERT_EQ(findings.size(), 4u);
  EXPECT_EQ(findings[0].rule, "require-concurrent-index-creation");
  EXPECT_EQ(findings[1].rule, "require-if-not-exists");
  EXPECT_EQ(findings[1].location.line, 1);
  EXPECT_EQ(findings[2].rule, "ban-drop-column");
  EXPECT_EQ(findings[3].rule, "require-if-not-exists");
  EXPECT_EQ(findings[3].location.line, 2);
}

LintUnit unit_of(const std::string& sql) {
  LintUnit unit;
  unit.pieces.push_back({sql, {"r.sql", 1, 1, "r"}, Positions::in_text});
  return unit;
}

// The schema a revision leaves reaches the next one: through lint() or, for a revision
// not reported on, advance_schema().
TEST(LintTest, SchemaCarriedFromUnitToUnit) {
  const LintUnit first = unit_of(
      "CREATE TABLE meters (id BIGINT, serial VARCHAR);\n"
      "CREATE INDEX ix_meters_serial ON meters (serial);\n");
  const LintUnit second = unit_of("DROP INDEX ix_meters_serial;\nDROP TABLE meters;\n");
  LintOptions options;
  options.disabled = {"require-lock-timeout"};
  SchemaState linted;
  lint(first, options, linted, [](model::Finding&&) {});
  SchemaState advanced;
  advance_schema(first, options, advanced);
  for (SchemaState* state : {&linted, &advanced}) {
    EXPECT_EQ(state->table_of_index("ix_meters_serial"), std::optional<std::string>("meters"));
    std::vector<std::string> rules;
    lint(second, options, *state, [&](model::Finding&& f) { rules.push_back(f.rule); });
    EXPECT_EQ(rules, (std::vector<std::string>{"require-if-not-exists", "ban-drop-table",
                                               "require-if-not-exists"}));
    EXPECT_EQ(state->table("meters"), Known::absent);
  }
  // Independent units (the overloads without a state) know nothing of each other.
  std::vector<std::string> alone;
  for (const auto& f : lint(second, options)) alone.push_back(f.rule);
  EXPECT_EQ(alone.front(), "require-concurrent-index-deletion");
}

}  // namespace
}  // namespace migsafe::rules
