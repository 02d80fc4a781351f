// Long scripts are parsed a chunk of statements at a time (rules/sql/parser.cpp); these
// check that the statements are the ones each statement parsed alone gives.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules/sql/parser.hpp"

namespace migsafe::rules::sql {
namespace {

// Many more statements than a chunk holds, each a little different.
std::string long_script(std::size_t statements) {
  std::string script = "-- header\n";
  for (std::size_t i = 0; i < statements; ++i) {
    const std::string n = std::to_string(i);
    script += i % 3 == 0 ? "CREATE TABLE t" + n + " (id int, s text DEFAULT 'v" + n + "');\n"
              : i % 3 == 1
                  ? "ALTER TABLE t" + n + " ADD COLUMN c int DEFAULT random()::int;\n"
                  : "/* c */ UPDATE t" + n + " SET s = 'x' WHERE id IN (SELECT id LIMIT 5) ;\n";
  }
  return script;
}

void expect_same_as_parsed_alone(const std::string& script, const std::vector<Statement>& got) {
  for (const Statement& stmt : got) {
    ASSERT_EQ(script.compare(stmt.offset, stmt.text.size(), stmt.text), 0) << stmt.text;
    const std::vector<Statement> alone = parse_script(stmt.text);
    ASSERT_EQ(alone.size(), 1u) << stmt.text;
    EXPECT_EQ(alone[0].node, stmt.node);
    EXPECT_EQ(alone[0].has_error, stmt.has_error);
    EXPECT_EQ(alone[0].string_literals, stmt.string_literals);
    EXPECT_EQ(alone[0].facts.index(), stmt.facts.index());
  }
}

TEST(ChunkedParseTest, LongScriptGivesEveryStatementOnceWithItsOffset) {
  const std::string script = long_script(1000);
  const std::vector<Statement> statements = parse_script(script);
  ASSERT_EQ(statements.size(), 1000u);
  EXPECT_EQ(statements[0].offset, script.find("CREATE TABLE t0 "));
  EXPECT_EQ(statements[2].text, "UPDATE t2 SET s = 'x' WHERE id IN (SELECT id LIMIT 5)");
  EXPECT_EQ(statements[999].offset, script.find("CREATE TABLE t999 "));
  ASSERT_NE(statements[500].as<Dml>(), nullptr);
  EXPECT_TRUE(statements[500].as<Dml>()->has_limit_subquery);
  expect_same_as_parsed_alone(script, statements);
}

TEST(ChunkedParseTest, SyntaxErrorLateInALongScriptIsReportedWhereItIs) {
  std::string script = long_script(600);
  script += "CREATE TABLE (id int);\n" + long_script(10);
  const std::vector<Statement> statements = parse_script(script);
  ASSERT_EQ(statements.size(), 611u);
  ASSERT_TRUE(statements[600].has_error);
  EXPECT_EQ(statements[600].error.offset, script.find("(id int);\n-- header"));
  EXPECT_FALSE(statements[601].has_error);
  expect_same_as_parsed_alone(script,
                              std::vector<Statement>(statements.begin(), statements.begin() + 600));
}

TEST(ChunkedParseTest, BeginAtomicBodyStaysOneStatementInALongScript) {
  const std::string function =
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\n";
  const std::string script = long_script(100) + function + long_script(300);
  const std::vector<Statement> statements = parse_script(script);
  ASSERT_EQ(statements.size(), 401u);
  EXPECT_EQ(statements[100].node, "CreateFunctionStmt");
  EXPECT_FALSE(statements[100].has_error);
  EXPECT_EQ(statements[100].offset, script.find("CREATE FUNCTION"));
}

TEST(ChunkedParseTest, BeginAtomicInAScriptThatDoesNotParseIsSplitLikeTheScannerDoes) {
  // The script as a whole does not parse, so its statements are the scanner's, as before.
  const std::string function =
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\n";
  const std::string script = long_script(100) + function + long_script(300) + "SELECT (;\n";
  const std::vector<Statement> statements = parse_script(script);
  ASSERT_EQ(statements.size(), 404u);
  EXPECT_TRUE(statements[100].has_error);
  EXPECT_TRUE(statements[403].has_error);
}

TEST(ChunkedParseTest, DoBlockStatementsFollowTheirBlockInALongScript) {
  const std::string block = "DO $$ BEGIN CREATE INDEX i ON t (a); END $$;\n";
  const std::string script = long_script(200) + block + long_script(10);
  const std::vector<Statement> statements = parse_script(script);
  ASSERT_EQ(statements.size(), 212u);
  EXPECT_EQ(statements[200].node, "DoStmt");
  EXPECT_TRUE(statements[201].in_do_block);
  EXPECT_EQ(statements[201].offset, script.find("CREATE INDEX"));
}

}  // namespace
}  // namespace migsafe::rules::sql
