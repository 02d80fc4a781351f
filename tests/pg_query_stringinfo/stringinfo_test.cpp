// The JSON libpg_query prints through pg_query_stringinfo's appendStringInfo is byte for
// byte what it printed with PostgreSQL's own: each expected text below was printed by
// libpg_query.a linked without pg_query_stringinfo. Together they use every conversion
// the JSON printers use: %s, %d, %u, %ld, %c, and \u%04x (escaped control characters),
// which goes through PostgreSQL's printf.
#include <pg_query.h>

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace {

TEST(PgQueryStringInfoTest, ParseTreesPrintAsWithPostgresPrintf) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"sql(SELECT 1, -42, 'text', E'tab\there\x01', 2147483647, 9223372036854775807, 1.5e10)sql",
       R"json({"version":150001,"stmts":[{"stmt":{"SelectStmt":{"targetList":[{"ResTarget":{"val":{"A_Const":{"ival":{"ival":1},"location":7}},"location":7}},{"ResTarget":{"val":{"A_Const":{"ival":{},"location":10}},"location":10}},{"ResTarget":{"val":{"A_Const":{"sval":{"sval":"text"},"location":15}},"location":15}},{"ResTarget":{"val":{"A_Const":{"sval":{"sval":"tab\there\u0001"},"location":23}},"location":23}},{"ResTarget":{"val":{"A_Const":{"ival":{"ival":2147483647},"location":41}},"location":41}},{"ResTarget":{"val":{"A_Const":{"fval":{"fval":"9223372036854775807"},"location":53}},"location":53}},{"ResTarget":{"val":{"A_Const":{"fval":{"fval":"1.5e10"},"location":74}},"location":74}}],"limitOption":"LIMIT_OPTION_DEFAULT","op":"SETOP_NONE"}}}]})json"},
      {R"sql(CREATE TEMP TABLE IF NOT EXISTS "Mixed" (id bigint PRIMARY KEY, n varchar(20) DEFAULT 'x', c char(1)))sql",
       R"json({"version":150001,"stmts":[{"stmt":{"CreateStmt":{"relation":{"relname":"Mixed","inh":true,"relpersistence":"t","location":32},"tableElts":[{"ColumnDef":{"colname":"id","typeName":{"names":[{"String":{"sval":"pg_catalog"}},{"String":{"sval":"int8"}}],"typemod":-1,"location":44},"is_local":true,"constraints":[{"Constraint":{"contype":"CONSTR_PRIMARY","location":51}}],"location":41}},{"ColumnDef":{"colname":"n","typeName":{"names":[{"String":{"sval":"pg_catalog"}},{"String":{"sval":"varchar"}}],"typmods":[{"A_Const":{"ival":{"ival":20},"location":74}}],"typemod":-1,"location":66},"is_local":true,"constraints":[{"Constraint":{"contype":"CONSTR_DEFAULT","location":78,"raw_expr":{"A_Const":{"sval":{"sval":"x"},"location":86}}}}],"location":64}},{"ColumnDef":{"colname":"c","typeName":{"names":[{"String":{"sval":"pg_catalog"}},{"String":{"sval":"bpchar"}}],"typmods":[{"A_Const":{"ival":{"ival":1},"location":98}}],"typemod":-1,"location":93},"is_local":true,"location":91}}],"oncommit":"ONCOMMIT_NOOP","if_not_exists":true}}}]})json"},
      {R"sql(FETCH 5 FROM c; FETCH ALL FROM c)sql",
       R"json({"version":150001,"stmts":[{"stmt":{"FetchStmt":{"direction":"FETCH_FORWARD","howMany":5,"portalname":"c"}},"stmt_len":14},{"stmt":{"FetchStmt":{"direction":"FETCH_FORWARD","howMany":9223372036854775807,"portalname":"c"}},"stmt_location":15}]})json"},
      {R"sql(ALTER TABLE s.t ADD COLUMN IF NOT EXISTS x int4[] NOT NULL, ALTER COLUMN y TYPE numeric(10,2) USING y::numeric)sql",
       R"json({"version":150001,"stmts":[{"stmt":{"AlterTableStmt":{"relation":{"schemaname":"s","relname":"t","inh":true,"relpersistence":"p","location":12},"cmds":[{"AlterTableCmd":{"subtype":"AT_AddColumn","def":{"ColumnDef":{"colname":"x","typeName":{"names":[{"String":{"sval":"int4"}}],"typemod":-1,"arrayBounds":[{"Integer":{}}],"location":43},"is_local":true,"constraints":[{"Constraint":{"contype":"CONSTR_NOTNULL","location":50}}],"location":41}},"behavior":"DROP_RESTRICT","missing_ok":true}},{"AlterTableCmd":{"subtype":"AT_AlterColumnType","name":"y","def":{"ColumnDef":{"typeName":{"names":[{"String":{"sval":"pg_catalog"}},{"String":{"sval":"numeric"}}],"typmods":[{"A_Const":{"ival":{"ival":10},"location":88}},{"A_Const":{"ival":{"ival":2},"location":91}}],"typemod":-1,"location":80},"raw_default":{"TypeCast":{"arg":{"ColumnRef":{"fields":[{"String":{"sval":"y"}}],"location":100}},"typeName":{"names":[{"String":{"sval":"pg_catalog"}},{"String":{"sval":"numeric"}}],"typemod":-1,"location":103},"location":101}},"location":73}},"behavior":"DROP_RESTRICT"}}],"objtype":"OBJECT_TABLE"}}}]})json"},
      {R"sql(CREATE INDEX CONCURRENTLY i ON t USING gin (lower(a) DESC NULLS LAST) WHERE b > 0)sql",
       R"json({"version":150001,"stmts":[{"stmt":{"IndexStmt":{"idxname":"i","relation":{"relname":"t","inh":true,"relpersistence":"p","location":31},"accessMethod":"gin","indexParams":[{"IndexElem":{"expr":{"FuncCall":{"funcname":[{"String":{"sval":"lower"}}],"args":[{"ColumnRef":{"fields":[{"String":{"sval":"a"}}],"location":50}}],"funcformat":"COERCE_EXPLICIT_CALL","location":44}},"ordering":"SORTBY_DESC","nulls_ordering":"SORTBY_NULLS_LAST"}}],"whereClause":{"A_Expr":{"kind":"AEXPR_OP","name":[{"String":{"sval":"\u003e"}}],"lexpr":{"ColumnRef":{"fields":[{"String":{"sval":"b"}}],"location":76}},"rexpr":{"A_Const":{"ival":{},"location":80}},"location":78}},"concurrent":true}}}]})json"},
      {R"sql(SELECT '%d %s %%' AS "%u")sql",
       R"json({"version":150001,"stmts":[{"stmt":{"SelectStmt":{"targetList":[{"ResTarget":{"name":"%u","val":{"A_Const":{"sval":{"sval":"%d %s %%"},"location":7}},"location":7}}],"limitOption":"LIMIT_OPTION_DEFAULT","op":"SETOP_NONE"}}}]})json"},
  };
  for (const auto& [sql, expected] : cases) {
    const PgQueryParseResult result = pg_query_parse(sql.c_str());
    ASSERT_EQ(result.error, nullptr) << sql;
    EXPECT_EQ(std::string(result.parse_tree), expected) << sql;
    pg_query_free_parse_result(result);
  }
}

TEST(PgQueryStringInfoTest, PlpgsqlTreesPrintAsWithPostgresPrintf) {
  const PgQueryPlpgsqlParseResult result = pg_query_parse_plpgsql(
      R"sql(CREATE FUNCTION f(a int) RETURNS int LANGUAGE plpgsql AS $$ DECLARE x int := 1; BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'k') THEN CREATE TYPE k AS ENUM ('a'); END IF; RETURN a + x; EXCEPTION WHEN duplicate_object THEN NULL; END $$)sql");
  ASSERT_EQ(result.error, nullptr);
  EXPECT_EQ(std::string(result.plpgsql_funcs), R"json([
{"PLpgSQL_function":{"datums":[{"PLpgSQL_var":{"refname":"a","datatype":{"PLpgSQL_type":{"typname":"UNKNOWN"}}}},{"PLpgSQL_var":{"refname":"found","datatype":{"PLpgSQL_type":{"typname":"UNKNOWN"}}}},{"PLpgSQL_var":{"refname":"x","lineno":1,"datatype":{"PLpgSQL_type":{"typname":"int "}},"default_val":{"PLpgSQL_expr":{"query":"1"}}}},{"PLpgSQL_var":{"refname":"sqlstate","lineno":1,"datatype":{"PLpgSQL_type":{"typname":"UNKNOWN"}},"isconst":true}},{"PLpgSQL_var":{"refname":"sqlerrm","lineno":1,"datatype":{"PLpgSQL_type":{"typname":"UNKNOWN"}},"isconst":true}}],"action":{"PLpgSQL_stmt_block":{"body":[{"PLpgSQL_stmt_block":{"lineno":1,"body":[{"PLpgSQL_stmt_if":{"lineno":1,"cond":{"PLpgSQL_expr":{"query":"NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'k')"}},"then_body":[{"PLpgSQL_stmt_execsql":{"lineno":1,"sqlstmt":{"PLpgSQL_expr":{"query":"CREATE TYPE k AS ENUM ('a')"}}}}]}},{"PLpgSQL_stmt_return":{"lineno":1,"expr":{"PLpgSQL_expr":{"query":"a + x"}}}}],"exceptions":{"PLpgSQL_exception_block":{"exc_list":[{"PLpgSQL_exception":{"conditions":[{"PLpgSQL_condition":{"condname":"duplicate_object"}}]}}]}}}},{"PLpgSQL_stmt_return":{}}]}}}}
])json");
  pg_query_free_plpgsql_parse_result(result);
}

// Errors are formatted with the fallback path and still reach the caller.
TEST(PgQueryStringInfoTest, ParseErrorsKeepTheirMessageAndPosition) {
  const PgQueryParseResult result = pg_query_parse("SELECT FROM WHERE (");
  ASSERT_NE(result.error, nullptr);
  EXPECT_EQ(std::string(result.error->message), "syntax error at or near \"WHERE\"");
  EXPECT_EQ(result.error->cursorpos, 13);
  pg_query_free_parse_result(result);
}

}  // namespace
