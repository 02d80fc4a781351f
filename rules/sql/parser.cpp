#include "rules/sql/parser.hpp"

#include <pg_query.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

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

// The statements a DO block runs, parsed; those with errors are left out (PL/pgSQL
// statements may use variables the SQL grammar alone cannot place).
void add_do_block_statements(std::vector<Statement>& out) {
  const Statement& block = out.front();
  const DoBlock* facts = block.as<DoBlock>();
  if (facts == nullptr || facts->language != "plpgsql") return;
  const std::size_t body_at = block.text.find(facts->body);
  const std::size_t base = block.offset + (body_at == std::string::npos ? 0 : body_at);
  const std::size_t block_offset = block.offset;
  for (const EmbeddedStatement& embedded : plpgsql_statements(facts->body)) {
    Statement stmt;
    stmt.text = embedded.sql;
    stmt.offset = body_at == std::string::npos ? block_offset : base + embedded.offset_in_body;
    stmt.in_do_block = true;
    stmt.guard = embedded.guard;
    parse_into(stmt);
    if (!stmt.has_error) out.push_back(std::move(stmt));  // `block` is not used after this
  }
}

// One top-level statement, parsed, followed by the statements it runs if it is a DO
// block; empty when the span holds only separators.
std::vector<Statement> parse_span(const std::string& script, Span span) {
  std::vector<Statement> out;
  const std::size_t begin = skip_separators(script, span.begin);
  if (begin >= span.end) return out;
  Statement stmt;
  stmt.offset = begin;
  stmt.text = trimmed(script, {begin, span.end});
  if (stmt.text.empty()) return out;
  parse_into(stmt);
  out.push_back(std::move(stmt));
  add_do_block_statements(out);
  return out;
}

// Below this many statements a script is parsed on the calling thread alone.
constexpr std::size_t parallel_from = 64;
// How far the parsing thread may run ahead of the visits: bounds the parsed statements
// held in memory.
constexpr std::size_t parse_ahead = 256;

// Parsing (libpg_query, its JSON, the facts) is most of a lint's time and each
// statement's parse is independent, while visits must run in order (rules see the
// context built by the statements before). So a long script is parsed on a second
// thread, at most parse_ahead statements ahead, while the calling thread visits them in
// script order: the same visits, with the same statements, as parsing them in turn.
// libpg_query keeps its parser state per thread.
void parse_and_visit_in_parallel(const std::string& script, const std::vector<Span>& spans,
                                 const std::function<void(const Statement&)>& visit) {
  struct Slot {
    std::vector<Statement> statements;
    std::exception_ptr failed;
    bool ready = false;
  };
  std::vector<Slot> slots(spans.size());
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t visited = 0;  // slots before this one are visited (guarded by mutex)
  bool stop = false;        // the visits ended early (guarded by mutex)

  std::thread parser([&] {
    for (std::size_t i = 0; i < spans.size(); ++i) {
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return stop || i < visited + parse_ahead; });
        if (stop) return;
      }
      Slot parsed;
      try {
        parsed.statements = parse_span(script, spans[i]);
      } catch (...) {
        parsed.failed = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> lock(mutex);
        slots[i].statements = std::move(parsed.statements);
        slots[i].failed = parsed.failed;
        slots[i].ready = true;
      }
      changed.notify_all();
      if (parsed.failed) return;
    }
  });
  auto finish = [&] {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stop = true;
    }
    changed.notify_all();
    parser.join();
  };

  try {
    for (std::size_t i = 0; i < spans.size(); ++i) {
      std::vector<Statement> statements;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return slots[i].ready; });
        if (slots[i].failed) std::rethrow_exception(slots[i].failed);
        statements = std::move(slots[i].statements);
      }
      for (const Statement& stmt : statements) visit(stmt);
      {
        std::lock_guard<std::mutex> lock(mutex);
        visited = i + 1;
      }
      changed.notify_all();
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
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
  const std::vector<Span> spans = split(script);
  if (spans.size() >= parallel_from && std::thread::hardware_concurrency() >= 2) {
    parse_and_visit_in_parallel(script, spans, visit);
    return;
  }
  for (const Span& span : spans) {
    for (const Statement& stmt : parse_span(script, span)) visit(stmt);
  }
}

std::vector<Statement> parse_script(std::string_view script) {
  std::vector<Statement> out;
  for_each_statement(std::string(script), [&](const Statement& s) { out.push_back(s); });
  return out;
}

}  // namespace migsafe::rules::sql
