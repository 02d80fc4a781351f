#include "rules/sql/parser.hpp"

#include <gtest/gtest.h>

#include "rules/sql/lexer.hpp"

namespace migsafe::rules::sql {
namespace {

TEST(ParserTest, SplitsStatementsWithOffsetsOfTheirFirstToken) {
  const std::string script =
      "-- header\nCREATE TABLE a (id int);\n\n  /* c */ ALTER TABLE a ADD COLUMN b text;";
  const auto statements = parse_script(script);
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0].offset, script.find("CREATE"));
  EXPECT_EQ(statements[0].text, "CREATE TABLE a (id int)");
  EXPECT_EQ(statements[0].node, "CreateStmt");
  EXPECT_EQ(statements[1].offset, script.find("ALTER"));
  EXPECT_EQ(statements[1].text, "ALTER TABLE a ADD COLUMN b text");
  ASSERT_NE(statements[1].as<AlterTable>(), nullptr);
  EXPECT_EQ(statements[1].as<AlterTable>()->commands.at(0).kind, AlterKind::add_column);
}

TEST(ParserTest, EmptyAndCommentOnlyScriptsHaveNoStatements) {
  EXPECT_TRUE(parse_script("").empty());
  EXPECT_TRUE(parse_script("  \n-- nothing here\n/* or here */\n").empty());
  EXPECT_TRUE(parse_script(";;").empty());
}

// Nested block comments written without blanks cost the parser time that grows with the
// square of their depth (100,000 levels took 69 s): they are a run of operator characters
// too long to parse (lexer.hpp), one error at the comment, not a hang. With blanks
// between them the parser's time stays linear, and they parse.
TEST(ParserTest, CommentsNestedTooDeepAreOneErrorNotAHang) {
  std::string deep = "SELECT 1;\n";
  const std::size_t comment_at = deep.size();
  for (int i = 0; i < 100000; ++i) deep += "/*";
  for (int i = 0; i < 100000; ++i) deep += "*/";
  deep += "\nDROP TABLE plates;";
  const auto statements = parse_script(deep);
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_TRUE(statements[0].has_error);
  EXPECT_EQ(statements[0].error.offset, comment_at);
  EXPECT_NE(statements[0].error.message.find("operator characters in a row"), std::string::npos)
      << statements[0].error.message;

  std::string shallow = "/* a /* b /* c */ */ */ DROP TABLE plates;";
  const auto parsed = parse_script(shallow);
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_FALSE(parsed[0].has_error) << parsed[0].error.message;
}

TEST(ParserTest, ParseErrorIsAStatementWithItsPosition) {
  const std::string script = "SELECT 1;\nCREATE TABLE (id int);\nSELECT 2;";
  const auto statements = parse_script(script);
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_FALSE(statements[0].has_error);
  ASSERT_TRUE(statements[1].has_error);
  EXPECT_EQ(statements[1].error.message, "syntax error at or near \"(\"");
  EXPECT_EQ(statements[1].error.offset, script.find("(id"));
  EXPECT_FALSE(statements[1].error.newer_syntax);
  EXPECT_FALSE(statements[2].has_error);
}

TEST(ParserTest, ADoBlockWhoseBodyDoesNotParseIsAnErrorAtTheToken) {
  const std::string script = "SELECT 1;\nDO $$ BEGIN\n  SELEC 1;\nEND $$;";
  const auto statements = parse_script(script);
  ASSERT_EQ(statements.size(), 2u);
  ASSERT_TRUE(statements[1].has_error);
  EXPECT_EQ(statements[1].error.message, "in the DO block: syntax error at or near \"SELEC\"");
  EXPECT_EQ(statements[1].error.offset, script.find("SELEC 1"));
}

TEST(ParserTest, DoBlocksLibpgQueryCannotCompileWithoutACatalogAreNoError) {
  // A bound cursor: libpg_query, with no catalog, rejects what PostgreSQL runs.
  const auto statements =
      parse_script("DO $$ DECLARE c CURSOR FOR SELECT 1; BEGIN OPEN c; CLOSE c; END $$;");
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_FALSE(statements[0].has_error) << statements[0].error.message;
}

TEST(ParserTest, TextTheSplittersDropIsStillAStatement) {
  const auto statements = parse_script("SELECT 1;\nDROP TABLE (;");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_TRUE(statements[1].has_error);
  EXPECT_EQ(statements[1].offset, 10u);
}

TEST(ParserTest, Pg16SyntaxIsRecognisedAsNewerGrammar) {
  const auto statements = parse_script("SELECT JSON_OBJECT('a' VALUE 1);");
  ASSERT_EQ(statements.size(), 1u);
  ASSERT_TRUE(statements[0].has_error);
  EXPECT_TRUE(statements[0].error.newer_syntax);
  EXPECT_TRUE(parse_script("SELECT 1_000_000;")[0].error.newer_syntax);
}

TEST(ParserTest, NonUtf8BytesAndNulDoNotCrash) {
  const std::string script = std::string("CREATE TABLE t (name text DEFAULT '\xff\xfe');\n") +
                             std::string("SELECT 1;\0SELECT 2;", 19);
  const auto statements = parse_script(script);
  EXPECT_FALSE(statements.empty());
}

TEST(ParserTest, DoBlockStatementsFollowTheBlockWithTheirGuard) {
  const std::string script =
      "DO $$\nBEGIN\n    CREATE TYPE mood AS ENUM ('a');\nEXCEPTION\n    WHEN duplicate_object "
      "THEN NULL;\nEND $$;\n"
      "DO $$ BEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE relname = 'i') THEN\n"
      "    CREATE INDEX i ON t (a);\n  END IF;\n  EXECUTE 'DROP TABLE old';\nEND $$;";
  const auto statements = parse_script(script);
  ASSERT_EQ(statements.size(), 5u);
  EXPECT_EQ(statements[0].node, "DoStmt");
  EXPECT_TRUE(statements[1].in_do_block);
  EXPECT_EQ(statements[1].guard, Guard::exception_handler);
  EXPECT_EQ(statements[1].offset, script.find("CREATE TYPE"));
  EXPECT_NE(statements[1].as<CreateType>(), nullptr);
  EXPECT_EQ(statements[2].node, "DoStmt");
  EXPECT_EQ(statements[3].guard, Guard::catalog_check);
  EXPECT_EQ(statements[3].offset, script.find("CREATE INDEX"));
  EXPECT_EQ(statements[4].guard, Guard::none);  // EXECUTE of a literal, unguarded
  ASSERT_NE(statements[4].as<Drop>(), nullptr);
  EXPECT_EQ(statements[4].as<Drop>()->names.at(0).name, "old");
}

// Literals are left out until an enum value is added, then collected for each statement
// after it, DO block statements included; by default every statement has them.
TEST(ParserTest, StringLiteralsOnlyAfterAnEnumValueIsAddedWhenAskedSo) {
  const std::string script =
      "UPDATE plates SET kind = 'car';\n"
      "ALTER TYPE plate_kind ADD VALUE 'bus';\n"
      "UPDATE plates SET kind = 'bus';\n"
      "DO $$ BEGIN UPDATE plates SET kind = 'van'; END $$;";
  std::vector<Statement> lazy;
  for_each_statement(
      script, [&](const Statement& s) { lazy.push_back(s); },
      StringLiterals::after_enum_value_added);
  ASSERT_EQ(lazy.size(), 5u);
  EXPECT_TRUE(lazy[0].string_literals.empty());
  EXPECT_EQ(lazy[2].string_literals, std::vector<std::string>{"bus"});
  EXPECT_TRUE(lazy[4].in_do_block);
  EXPECT_EQ(lazy[4].string_literals, std::vector<std::string>{"van"});

  const auto all = parse_script(script);
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].string_literals, std::vector<std::string>{"car"});
}

TEST(ParserTest, SetConfigCountsAsSettingAVariable) {
  const auto statements =
      parse_script("SELECT set_config('lock_timeout', '2s', true); SET LOCAL lock_timeout = 1000;");
  ASSERT_EQ(statements.size(), 2u);
  const auto* first = statements[0].as<SetVariable>();
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->name, "lock_timeout");
  EXPECT_EQ(first->value, "2s");
  EXPECT_TRUE(first->local);
  const auto* second = statements[1].as<SetVariable>();
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->value, "1000");
  EXPECT_TRUE(second->local);
}

}  // namespace
}  // namespace migsafe::rules::sql
