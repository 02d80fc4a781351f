#include "rules/sql/parse_tree.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules/sql/facts_builder.hpp"

namespace migsafe::rules::sql {
namespace {

TEST(ParseTreeTest, UnpacksEveryStatementOfTheText) {
  const ParseTree parsed("CREATE TABLE t (id int); ALTER TABLE t ADD COLUMN c text");
  ASSERT_EQ(parsed.error(), nullptr);
  ASSERT_NE(parsed.tree(), nullptr);
  ASSERT_EQ(parsed.tree()->n_stmts, 2u);
  EXPECT_STREQ(node_type_name(parsed.tree()->stmts[0]->stmt), "CreateStmt");
  EXPECT_STREQ(node_type_name(parsed.tree()->stmts[1]->stmt), "AlterTableStmt");
  EXPECT_EQ(parsed.tree()->stmts[1]->stmt_location, 24);
}

TEST(ParseTreeTest, SyntaxErrorHasNoTree) {
  const ParseTree parsed("CREATE TABLE (id int)");
  ASSERT_NE(parsed.error(), nullptr);
  EXPECT_EQ(parsed.tree(), nullptr);
}

TEST(ParseTreeTest, EnumValuesHaveTheirLibpgQueryNames) {
  EXPECT_EQ(
      enum_name(pg_query__alter_table_type__descriptor, PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn),
      "AT_AddColumn");
  EXPECT_EQ(enum_name(pg_query__object_type__descriptor, 100000), "");
}

TEST(ParseTreeTest, StringLiteralsComeInTheOrderOfTheFieldNames) {
  // InsertStmt's onConflictClause sorts before its selectStmt, as the JSON tree had it.
  const ParseTree parsed(
      "INSERT INTO t (s) VALUES ('first') ON CONFLICT (s) DO UPDATE SET s = 'second'");
  ASSERT_NE(parsed.tree(), nullptr);
  std::vector<std::string> literals;
  collect_string_literals(parsed.tree()->stmts[0]->stmt, literals);
  EXPECT_EQ(literals, (std::vector<std::string>{"second", "first"}));
}

}  // namespace
}  // namespace migsafe::rules::sql
