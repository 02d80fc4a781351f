#include "rules/sql/parser.hpp"

#include <pg_query.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "rules/sql/facts_builder.hpp"
#include "rules/sql/lexer.hpp"
#include "rules/sql/newer_syntax.hpp"
#include "rules/sql/plpgsql.hpp"

namespace migsafe::rules::sql {
namespace {

using json = nlohmann::json;

// Skips blanks, comments and stray semicolons.
std::size_t skip_separators(const std::string& script, std::size_t at) {
  at = skip_blanks_and_comments(script, at);
  while (at < script.size() && script[at] == ';') at = skip_blanks_and_comments(script, at + 1);
  return at;
}

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Statement spans, from the parser's splitter when the whole script parses, else from
// the scanner's, which tolerates syntax errors.
std::vector<Span> split(const std::string& script) {
  std::vector<Span> spans;
  PgQuerySplitResult result = pg_query_split_with_parser(script.c_str());
  if (result.error != nullptr) {
    pg_query_free_split_result(result);
    result = pg_query_split_with_scanner(script.c_str());
  }
  if (result.error == nullptr) {
    for (int i = 0; i < result.n_stmts; ++i) {
      const auto begin = static_cast<std::size_t>(result.stmts[i]->stmt_location);
      const auto len = static_cast<std::size_t>(result.stmts[i]->stmt_len);
      spans.push_back({begin, len == 0 ? script.size() : begin + len});
    }
  } else {
    spans.push_back({0, script.size()});
  }
  pg_query_free_split_result(result);
  // Whatever the splitters left out (the scanner drops text after an unclosed
  // parenthesis) is one more statement, so it is parsed and reported, never skipped.
  const std::size_t covered = spans.empty() ? 0 : spans.back().end;
  if (skip_separators(script, covered) < script.size()) {
    spans.push_back({covered, script.size()});
  }
  return spans;
}

std::string trimmed(const std::string& script, Span span) {
  std::size_t end = std::min(span.end, script.size());
  while (end > span.begin && (std::isspace(static_cast<unsigned char>(script[end - 1])) != 0 ||
                              script[end - 1] == ';')) {
    --end;
  }
  return script.substr(span.begin, end - span.begin);
}

// Parses one statement's text; fills node, facts and literals or the error.
void parse_into(Statement& stmt) {
  PgQueryParseResult result = pg_query_parse(stmt.text.c_str());
  if (result.error != nullptr) {
    stmt.has_error = true;
    stmt.error.message = result.error->message != nullptr ? result.error->message : "syntax error";
    const int cursor = result.error->cursorpos;  // 1-based, in characters
    stmt.error.offset =
        stmt.offset +
        (cursor > 0 ? byte_offset_of_char(stmt.text, static_cast<std::size_t>(cursor - 1)) : 0);
    stmt.error.newer_syntax = looks_like_newer_syntax(stmt.text);
  } else {
    const json tree = json::parse(result.parse_tree, nullptr, false);
    const json* first = nullptr;
    const auto stmts = tree.is_object() ? tree.find("stmts") : tree.end();
    if (stmts != tree.end() && stmts->is_array() && !stmts->empty() && stmts->front().is_object()) {
      const auto stmt = stmts->front().find("stmt");
      if (stmt != stmts->front().end()) first = &*stmt;
    }
    if (first != nullptr && first->is_object() && !first->empty()) {
      stmt.node = first->begin().key();
      stmt.facts = build_facts(*first);
      collect_string_literals(*first, stmt.string_literals);
    }
  }
  pg_query_free_parse_result(result);
}

void visit_do_block_statements(const Statement& block,
                               const std::function<void(const Statement&)>& visit) {
  const DoBlock* facts = block.as<DoBlock>();
  if (facts == nullptr || facts->language != "plpgsql") return;
  const std::size_t body_at = block.text.find(facts->body);
  const std::size_t base = block.offset + (body_at == std::string::npos ? 0 : body_at);
  for (const EmbeddedStatement& embedded : plpgsql_statements(facts->body)) {
    Statement stmt;
    stmt.text = embedded.sql;
    stmt.offset = body_at == std::string::npos ? block.offset : base + embedded.offset_in_body;
    stmt.in_do_block = true;
    stmt.guard = embedded.guard;
    parse_into(stmt);
    // PL/pgSQL statements may use variables the SQL grammar alone cannot place.
    if (!stmt.has_error) visit(stmt);
  }
}

}  // namespace

void for_each_statement(const std::string& original,
                        const std::function<void(const Statement&)>& visit) {
  // libpg_query takes C strings: a NUL byte would cut the script short. Copy only then.
  std::string without_nul;
  if (original.find('\0') != std::string::npos) {
    without_nul = original;
    std::replace(without_nul.begin(), without_nul.end(), '\0', ' ');
  }
  const std::string& script = without_nul.empty() ? original : without_nul;
  for (const Span& span : split(script)) {
    const std::size_t begin = skip_separators(script, span.begin);
    if (begin >= span.end) continue;
    Statement stmt;
    stmt.offset = begin;
    stmt.text = trimmed(script, {begin, span.end});
    if (stmt.text.empty()) continue;
    parse_into(stmt);
    visit(stmt);
    visit_do_block_statements(stmt, visit);
  }
}

std::vector<Statement> parse_script(std::string_view script) {
  std::vector<Statement> out;
  for_each_statement(std::string(script), [&](const Statement& s) { out.push_back(s); });
  return out;
}

}  // namespace migsafe::rules::sql
