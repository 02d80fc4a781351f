#include "rules/sql/plpgsql.hpp"

#include <pg_query.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <set>

#include "rules/sql/parse_tree.hpp"
#include "rules/sql/text_case.hpp"
#include "rules/sql/tree_walk.hpp"

namespace migsafe::rules::sql {
namespace {

std::string text_at(Json value) { return std::string(string_of(value)); }

int line_of(Json stmt) {
  std::int64_t line = 0;
  return stmt["lineno"].get(line) == simdjson::SUCCESS ? static_cast<int>(line) : 1;
}

// Conditions whose handler makes a re-run harmless: the object already exists (or is
// already gone), or every error is swallowed.
bool guarding_condition(const std::string& name) {
  static const std::set<std::string> names = {
      "duplicate_object",   "duplicate_table",    "duplicate_column",         "duplicate_schema",
      "duplicate_function", "duplicate_alias",    "undefined_object",         "undefined_table",
      "undefined_column",   "undefined_function", "invalid_table_definition", "others",
      "unique_violation"};
  return names.count(to_lower(name)) > 0;
}

bool handler_guards(Json block) {
  bool guards = false;
  for_each_item(block["exceptions"]["PLpgSQL_exception_block"]["exc_list"], [&](Json exc) {
    for_each_item(exc["PLpgSQL_exception"]["conditions"], [&](Json cond) {
      if (guarding_condition(text_at(cond["PLpgSQL_condition"]["condname"]))) guards = true;
    });
  });
  return guards;
}

// IF [NOT] EXISTS (SELECT ... FROM pg_catalog / pg_* / information_schema ...), or a
// to_regclass()/to_regtype() test: the statement only runs when the catalog says so.
bool catalog_condition(Json cond) {
  const std::string query = to_lower(text_at(cond["PLpgSQL_expr"]["query"]));
  const bool reads_catalog = query.find("pg_") != std::string::npos ||
                             query.find("information_schema") != std::string::npos ||
                             query.find("to_reg") != std::string::npos;
  const bool tests =
      query.find("exists") != std::string::npos || query.find("to_reg") != std::string::npos ||
      query.find("is null") != std::string::npos || query.find("= 0") != std::string::npos;
  return reads_catalog && tests;
}

// 'CREATE INDEX ...' -> CREATE INDEX ...; anything but a plain literal -> "".
std::string string_literal(const std::string& expr) {
  if (expr.size() < 2 || expr.front() != '\'' || expr.back() != '\'') return std::string();
  std::string out;
  for (std::size_t i = 1; i + 1 < expr.size(); ++i) {
    if (expr[i] == '\'') {
      if (expr[i + 1] != '\'') return std::string();  // 'a' || x: not one literal
      ++i;
    }
    out += expr[i];
  }
  return out;
}

struct Walker {
  const std::string& body;
  std::vector<EmbeddedStatement> out;

  std::size_t line_offset(int lineno) const {
    std::size_t at = 0;
    for (int line = 1; line < lineno && at != std::string::npos; ++line) {
      at = body.find('\n', at);
      if (at != std::string::npos) ++at;
    }
    return at == std::string::npos ? 0 : at;
  }

  void add(const std::string& sql, int lineno, Guard guard) {
    if (sql.empty()) return;
    std::size_t at = line_offset(lineno);
    const std::size_t found = body.find(sql.substr(0, std::min<std::size_t>(sql.size(), 24)), at);
    if (found != std::string::npos) at = found;
    out.push_back({sql, at, guard});
  }

  // Members in name order, as the tree's nlohmann map had them: the statements come out
  // in the order they always did.
  void walk(Json node, Guard guard) {
    for_each_member(node, [&](std::string_view key, Json value) {
      if (key == "datums") return false;  // the variables (found, sqlstate...): no statements
      if (key == "PLpgSQL_stmt_execsql") {
        add(text_at(value["sqlstmt"]["PLpgSQL_expr"]["query"]), line_of(value), guard);
      } else if (key == "PLpgSQL_stmt_dynexecute") {
        add(string_literal(text_at(value["query"]["PLpgSQL_expr"]["query"])), line_of(value),
            guard);
      } else if (key == "PLpgSQL_stmt_if") {
        const Guard inner = guard == Guard::none && catalog_condition(value["cond"])
                                ? Guard::catalog_check
                                : guard;
        walk(value["then_body"], inner);
        walk(value["elsif_list"], guard);
        walk(value["else_body"], guard);
      } else if (key == "PLpgSQL_stmt_block") {
        const Guard inner =
            guard == Guard::none && handler_guards(value) ? Guard::exception_handler : guard;
        walk(value["body"], inner);
        walk(value["exceptions"], guard);
      } else {
        return true;
      }
      return false;  // handled above
    });
  }
};

}  // namespace

// Where in the body the error is: libpg_query gives no cursor for PL/pgSQL, only "near
// line N" in its context and the token in "at or near \"X\"".
std::size_t error_offset(const std::string& body, const PgQueryError& error) {
  std::size_t line_start = 0;
  const std::string context = error.context != nullptr ? error.context : "";
  const std::size_t near = context.find("near line ");
  if (near != std::string::npos) {
    const int line = std::atoi(context.c_str() + near + 10);
    for (int n = 1; n < line && line_start != std::string::npos; ++n) {
      line_start = body.find('\n', line_start);
      if (line_start != std::string::npos) ++line_start;
    }
    if (line_start == std::string::npos) line_start = 0;
  }
  const std::string message = error.message != nullptr ? error.message : "";
  const std::string marker = "at or near \"";
  const std::size_t quote = message.find(marker);
  if (quote != std::string::npos) {
    const std::size_t from = quote + marker.size();
    const std::string token = message.substr(from, message.rfind('"') - from);
    const std::size_t at = token.empty() ? std::string::npos : body.find(token, line_start);
    if (at != std::string::npos) return at;
  }
  const std::size_t first = body.find_first_not_of(" \t\r\n", line_start);
  return first == std::string::npos ? line_start : first;
}

PlpgsqlBody plpgsql_statements(const std::string& body) {
  // The body goes on the wrapper's first line, so PL/pgSQL line 1 is the body's line 1.
  const std::string tag = "$migsafe_do_body$";
  const std::string wrapper =
      "CREATE FUNCTION migsafe_do() RETURNS void AS " + tag + body + tag + " LANGUAGE plpgsql";
  PgQueryPlpgsqlParseResult result = pg_query_parse_plpgsql(wrapper.c_str());
  Walker walker{body, {}};
  PlpgsqlBody parsed;
  if (result.error != nullptr && result.error->message != nullptr &&
      std::string(result.error->message).rfind("syntax error", 0) == 0) {
    parsed.syntax_error = BodySyntaxError{result.error->message, error_offset(body, *result.error)};
  }
  if (result.error == nullptr && result.plpgsql_funcs != nullptr) {
    // This thread's parser for PL/pgSQL trees: the walk parses nothing else with it.
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element tree;
    if (parser.parse(result.plpgsql_funcs, std::char_traits<char>::length(result.plpgsql_funcs))
            .get(tree) == simdjson::SUCCESS) {
      walker.walk(as_json(tree), Guard::none);
    }
  }
  pg_query_free_plpgsql_parse_result(result);
  parsed.statements = std::move(walker.out);
  return parsed;
}

}  // namespace migsafe::rules::sql
