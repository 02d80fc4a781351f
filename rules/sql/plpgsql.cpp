#include "rules/sql/plpgsql.hpp"

#include <pg_query.h>

#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <set>

#include "rules/sql/text_case.hpp"

namespace migsafe::rules::sql {
namespace {

using json = nlohmann::json;

// node[k1][k2]..., or null when any key is missing: const operator[] must not be used on
// a missing key.
const json& at(const json& node, std::initializer_list<const char*> keys) {
  static const json null;
  const json* current = &node;
  for (const char* key : keys) {
    if (!current->is_object()) return null;
    const auto it = current->find(key);
    if (it == current->end()) return null;
    current = &*it;
  }
  return *current;
}

std::string text_at(const json& node, std::initializer_list<const char*> keys) {
  const json& v = at(node, keys);
  return v.is_string() ? v.get<std::string>() : std::string();
}

int line_of(const json& stmt) {
  const json& v = at(stmt, {"lineno"});
  return v.is_number_integer() ? v.get<int>() : 1;
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

bool handler_guards(const json& block) {
  if (!block.contains("exceptions")) return false;
  const json& list = at(block, {"exceptions", "PLpgSQL_exception_block", "exc_list"});
  if (!list.is_array()) return false;
  for (const json& exc : list) {
    const json& conditions = at(exc, {"PLpgSQL_exception", "conditions"});
    if (!conditions.is_array()) continue;
    for (const json& cond : conditions) {
      if (guarding_condition(text_at(cond, {"PLpgSQL_condition", "condname"}))) return true;
    }
  }
  return false;
}

// IF [NOT] EXISTS (SELECT ... FROM pg_catalog / pg_* / information_schema ...), or a
// to_regclass()/to_regtype() test: the statement only runs when the catalog says so.
bool catalog_condition(const json& cond) {
  const std::string query = to_lower(text_at(cond, {"PLpgSQL_expr", "query"}));
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

  void walk(const json& node, Guard guard) {
    if (node.is_array()) {
      for (const json& child : node) walk(child, guard);
      return;
    }
    if (!node.is_object()) return;
    for (const auto& [key, value] : node.items()) {
      if (key == "PLpgSQL_stmt_execsql") {
        add(text_at(value, {"sqlstmt", "PLpgSQL_expr", "query"}), line_of(value), guard);
      } else if (key == "PLpgSQL_stmt_dynexecute") {
        add(string_literal(text_at(value, {"query", "PLpgSQL_expr", "query"})), line_of(value),
            guard);
      } else if (key == "PLpgSQL_stmt_if") {
        const Guard inner = guard == Guard::none && catalog_condition(at(value, {"cond"}))
                                ? Guard::catalog_check
                                : guard;
        walk(at(value, {"then_body"}), inner);
        walk(at(value, {"elsif_list"}), guard);
        walk(at(value, {"else_body"}), guard);
      } else if (key == "PLpgSQL_stmt_block") {
        const Guard inner =
            guard == Guard::none && handler_guards(value) ? Guard::exception_handler : guard;
        walk(at(value, {"body"}), inner);
        walk(at(value, {"exceptions"}), guard);
      } else {
        walk(value, guard);
      }
    }
  }
};

}  // namespace

std::vector<EmbeddedStatement> plpgsql_statements(const std::string& body) {
  // The body goes on the wrapper's first line, so PL/pgSQL line 1 is the body's line 1.
  const std::string tag = "$migsafe_do_body$";
  const std::string wrapper =
      "CREATE FUNCTION migsafe_do() RETURNS void AS " + tag + body + tag + " LANGUAGE plpgsql";
  PgQueryPlpgsqlParseResult result = pg_query_parse_plpgsql(wrapper.c_str());
  Walker walker{body, {}};
  if (result.error == nullptr && result.plpgsql_funcs != nullptr) {
    const json tree = json::parse(result.plpgsql_funcs, nullptr, false);
    if (!tree.is_discarded()) walker.walk(tree, Guard::none);
  }
  pg_query_free_plpgsql_parse_result(result);
  return walker.out;
}

}  // namespace migsafe::rules::sql
