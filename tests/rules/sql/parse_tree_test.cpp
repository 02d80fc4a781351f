#include "rules/sql/parse_tree.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules/sql/facts_builder.hpp"

namespace migsafe::rules::sql {
namespace {

TEST(ParseTreeTest, ReadsEveryStatementOfTheText) {
  const ParseTree parsed("CREATE TABLE t (id int); ALTER TABLE t ADD COLUMN c text");
  ASSERT_EQ(parsed.error(), nullptr);
  ASSERT_TRUE(parsed.has_tree());
  ASSERT_EQ(size_of(parsed.stmts()), 2u);
  EXPECT_EQ(node_type_name(parsed.stmts().at(0)["stmt"]), "CreateStmt");
  EXPECT_EQ(node_type_name(parsed.stmts().at(1)["stmt"]), "AlterTableStmt");
  // libpg_query leaves out members that are 0: the first statement starts at 0, the
  // last one runs to the end of the text.
  EXPECT_EQ(int_of(parsed.stmts().at(0)["stmt_location"]), 0);
  EXPECT_EQ(int_of(parsed.stmts().at(1)["stmt_location"]), 24);
  EXPECT_EQ(int_of(parsed.stmts().at(1)["stmt_len"]), 0);
  EXPECT_EQ(string_of(parsed.stmts().at(1)["stmt"]["AlterTableStmt"]["cmds"].at(0)["AlterTableCmd"]
                                                                                   ["subtype"]),
            "AT_AddColumn");
}

TEST(ParseTreeTest, SyntaxErrorHasNoTree) {
  const ParseTree parsed("CREATE TABLE (id int)");
  ASSERT_NE(parsed.error(), nullptr);
  EXPECT_FALSE(parsed.has_tree());
  EXPECT_EQ(size_of(parsed.stmts()), 0u);
}

TEST(ParseTreeTest, TreesAliveAtOnceOnOneThreadStayReadable) {
  // A DO block's statements are parsed while the script's tree is still being read.
  const ParseTree outer("CREATE TABLE outer_t (id int)");
  {
    const ParseTree inner("DROP TABLE inner_t");
    EXPECT_EQ(node_type_name(inner.stmts().at(0)["stmt"]), "DropStmt");
  }
  const ParseTree next("TRUNCATE next_t");
  EXPECT_EQ(node_type_name(outer.stmts().at(0)["stmt"]), "CreateStmt");
  EXPECT_EQ(string_of(outer.stmts().at(0)["stmt"]["CreateStmt"]["relation"]["relname"]),
            "outer_t");
  EXPECT_EQ(node_type_name(next.stmts().at(0)["stmt"]), "TruncateStmt");
}

TEST(ParseTreeTest, StringLiteralsComeInTheOrderOfTheMemberNames) {
  // InsertStmt's onConflictClause sorts before its selectStmt, as the JSON tree had it
  // in a sorted map; libpg_query prints selectStmt first.
  const ParseTree parsed(
      "INSERT INTO t (s) VALUES ('first') ON CONFLICT (s) DO UPDATE SET s = 'second'");
  ASSERT_TRUE(parsed.has_tree());
  std::vector<std::string> literals;
  collect_string_literals(parsed.stmts().at(0)["stmt"], literals);
  EXPECT_EQ(literals, (std::vector<std::string>{"second", "first"}));
}

}  // namespace
}  // namespace migsafe::rules::sql
