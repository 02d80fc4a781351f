#include "rules/sql/parser.hpp"

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "rules/sql/facts_builder.hpp"
#include "rules/sql/lexer.hpp"
#include "rules/sql/newer_forms.hpp"
#include "rules/sql/newer_syntax.hpp"
#include "rules/sql/parse_tree.hpp"
#include "rules/sql/plpgsql.hpp"

namespace migsafe::rules::sql {
namespace {

// Skips blanks, comments and stray semicolons.
std::size_t skip_separators(const std::string& script, std::size_t at) {
  at = skip_blanks_and_comments(script, at);
  while (at < script.size() && script[at] == ';') at = skip_blanks_and_comments(script, at + 1);
  return at;
}

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool operator==(const Span& other) const { return begin == other.begin && end == other.end; }
};

// A splitter's statement spans, or nullopt when it failed. A length of 0 means "to the
// end of the text".
std::optional<std::vector<Span>> split_with(PgQuerySplitResult (*splitter)(const char*),
                                            const std::string& script) {
  PgQuerySplitResult result = splitter(script.c_str());
  std::optional<std::vector<Span>> spans;
  if (result.error == nullptr) {
    spans.emplace();
    spans->reserve(static_cast<std::size_t>(result.n_stmts));
    for (int i = 0; i < result.n_stmts; ++i) {
      const auto begin = static_cast<std::size_t>(result.stmts[i]->stmt_location);
      const auto len = static_cast<std::size_t>(result.stmts[i]->stmt_len);
      spans->push_back({begin, len == 0 ? script.size() : begin + len});
    }
  }
  pg_query_free_split_result(result);
  return spans;
}

// Whatever the splitters left out (the scanner drops text after an unclosed
// parenthesis) is one more statement, so it is parsed and reported, never skipped.
std::vector<Span> with_tail(const std::string& script, std::vector<Span> spans) {
  const std::size_t covered = spans.empty() ? 0 : spans.back().end;
  if (skip_separators(script, covered) < script.size()) spans.push_back({covered, script.size()});
  return spans;
}

// Statement spans, from the parser's splitter when the whole script parses, else from
// the scanner's, which tolerates syntax errors.
std::vector<Span> accurate_spans(const std::string& script) {
  std::optional<std::vector<Span>> spans = split_with(pg_query_split_with_parser, script);
  if (!spans) spans = split_with(pg_query_split_with_scanner, script);
  if (!spans) spans = std::vector<Span>{{0, script.size()}};
  return with_tail(script, std::move(*spans));
}

std::string trimmed(const std::string& script, Span span) {
  std::size_t end = std::min(span.end, script.size());
  while (end > span.begin && (std::isspace(static_cast<unsigned char>(script[end - 1])) != 0 ||
                              script[end - 1] == ';')) {
    --end;
  }
  return script.substr(span.begin, end - span.begin);
}

// The statement a span holds, from its first token, without its `;`; nullopt when the
// span holds only separators.
std::optional<Statement> statement_in(const std::string& script, Span span) {
  const std::size_t begin = skip_separators(script, span.begin);
  if (begin >= span.end) return std::nullopt;
  Statement stmt;
  stmt.offset = begin;
  stmt.text = trimmed(script, {begin, span.end});
  if (stmt.text.empty()) return std::nullopt;
  return stmt;
}

// Whether the statements parsed from here on get their string literals: always, or
// once a statement adding an enum value was parsed. Statements are parsed in script
// order, so that statement comes before every one that could use the value.
class LiteralCollection {
 public:
  explicit LiteralCollection(StringLiterals wanted) : collect_(wanted == StringLiterals::all) {}

  void fill(Statement& stmt, Json node) {
    if (collect_) {
      collect_string_literals(node, stmt.string_literals);
      return;
    }
    const AlterEnum* e = stmt.as<AlterEnum>();
    collect_ = e != nullptr && e->old_value.empty();
  }

 private:
  bool collect_;
};

void fill_from_tree(Statement& stmt, Json node, LiteralCollection& literals) {
  const std::string_view type = node_type_name(node);
  if (type.empty()) return;
  stmt.node = std::string(type);
  stmt.facts = build_facts(node);
  literals.fill(stmt, node);
}

// A statement the PG 15 grammar rejected, read through the PG 15 clause of the same shape
// when it is one of the newer forms the rules must see (rules/sql/newer_forms.hpp). Its
// text stays as written.
bool read_newer_form(Statement& stmt, LiteralCollection& literals) {
  const std::optional<NewerForm> form = respell_newer_form(stmt.text);
  if (!form) return false;
  const ParseTree parsed(form->respelled.c_str());
  if (parsed.error() != nullptr || !parsed.has_tree()) return false;
  simdjson::dom::array stmts;
  if (parsed.stmts().get(stmts) != simdjson::SUCCESS || stmts.size() != 1) return false;
  Statement read = stmt;
  fill_from_tree(read, parsed.stmts().at(0)["stmt"], literals);
  if (!correct_newer_form_facts(*form, read.facts)) return false;
  stmt = std::move(read);
  return true;
}

// Parses one statement's text on its own; fills node, facts and literals or the error.
void parse_alone(Statement& stmt, LiteralCollection& literals) {
  const ParseTree parsed(stmt.text.c_str());
  if (const PgQueryError* error = parsed.error()) {
    if (read_newer_form(stmt, literals)) return;
    stmt.has_error = true;
    stmt.error.message = error->message != nullptr ? error->message : "syntax error";
    const int cursor = error->cursorpos;  // 1-based, in characters
    stmt.error.offset =
        stmt.offset +
        (cursor > 0 ? byte_offset_of_char(stmt.text, static_cast<std::size_t>(cursor - 1)) : 0);
    stmt.error.newer_syntax = looks_like_newer_syntax(stmt.text);
    return;
  }
  if (parsed.has_tree()) fill_from_tree(stmt, parsed.stmts().at(0)["stmt"], literals);
}

// Appends `stmt` and, if it is a DO block, the statements it runs, parsed; those with
// errors are left out (PL/pgSQL statements may use variables the SQL grammar alone
// cannot place).
void add_with_do_block_statements(Statement stmt, std::vector<Statement>& out,
                                  LiteralCollection& literals) {
  const DoBlock* block = stmt.as<DoBlock>();
  if (block == nullptr || block->language != "plpgsql") {
    out.push_back(std::move(stmt));
    return;
  }
  const std::size_t body_at = stmt.text.find(block->body);
  PlpgsqlBody parsed = plpgsql_statements(block->body);
  std::vector<EmbeddedStatement>& embedded = parsed.statements;
  const std::size_t block_offset = stmt.offset;
  if (parsed.syntax_error && !stmt.has_error) {
    // PostgreSQL compiles the body when the DO runs, and rejects it there.
    stmt.has_error = true;
    stmt.error.message = "in the DO block: " + parsed.syntax_error->message;
    stmt.error.offset = block_offset + (body_at == std::string::npos
                                            ? 0
                                            : body_at + parsed.syntax_error->offset_in_body);
  }
  out.push_back(std::move(stmt));  // `block` is not used after this
  for (EmbeddedStatement& e : embedded) {
    Statement inner;
    inner.text = std::move(e.sql);
    inner.offset =
        body_at == std::string::npos ? block_offset : block_offset + body_at + e.offset_in_body;
    inner.in_do_block = true;
    inner.guard = e.guard;
    parse_alone(inner, literals);
    if (!inner.has_error) out.push_back(std::move(inner));
  }
}

// Each span's statement parsed alone: exact error positions for scripts that do not parse.
void parse_spans_alone(const std::string& script, const std::vector<Span>& spans,
                       std::vector<Statement>& out, LiteralCollection& literals) {
  for (const Span& span : spans) {
    std::optional<Statement> stmt = statement_in(script, span);
    if (!stmt) continue;
    parse_alone(*stmt, literals);
    add_with_do_block_statements(std::move(*stmt), out, literals);
  }
}

// The statements of a parse of script[begin, end), placed in the script; nullopt when
// that text does not parse. `text` is that part of the script, NUL-terminated.
struct ParsedChunk {
  std::vector<Span> spans;
  std::vector<Statement> statements;
};
std::optional<ParsedChunk> parse_chunk(const std::string& script, std::size_t begin,
                                       std::size_t end, const char* text,
                                       LiteralCollection& literals) {
  const ParseTree parsed(text);
  if (parsed.error() != nullptr || !parsed.has_tree()) return std::nullopt;
  simdjson::dom::array stmts;
  if (parsed.stmts().error() == simdjson::NO_SUCH_FIELD) return ParsedChunk{};  // no statement
  if (parsed.stmts().get(stmts) != simdjson::SUCCESS) return std::nullopt;
  ParsedChunk out;
  out.spans.reserve(stmts.size());
  out.statements.reserve(stmts.size());
  for (simdjson::dom::element raw_element : stmts) {
    const Json raw = as_json(raw_element);
    // Left out when 0: a location at the start of the text, a length to its end.
    const std::int64_t location = int_of(raw["stmt_location"]);
    const std::int64_t len = int_of(raw["stmt_len"]);
    if (location < 0 || len < 0) return std::nullopt;
    const std::size_t from = begin + static_cast<std::size_t>(location);
    const std::size_t to = len == 0 ? end : from + static_cast<std::size_t>(len);
    if (to > end || from > to) return std::nullopt;
    out.spans.push_back({from, to});
    std::optional<Statement> stmt = statement_in(script, {from, to});
    if (!stmt) continue;
    fill_from_tree(*stmt, raw["stmt"], literals);
    add_with_do_block_statements(std::move(*stmt), out.statements, literals);
  }
  return out;
}

// How many statements one parse call takes: few enough to keep memory bounded and the
// visits flowing, many enough that a call's fixed cost does not count.
constexpr std::size_t chunk_statements = 128;

// A script's statements, a chunk at a time. Each chunk of statements is parsed with one
// libpg_query call, cut at a `;` the scanner found, so every statement is parsed once.
//
// The result is what parsing the script as a whole gave before: the parser's statements
// when the whole script parses, else the scanner's, each parsed alone for exact error
// positions. A chunk whose statements differ from the scanner's (the scanner cuts
// CREATE FUNCTION ... BEGIN ATOMIC bodies at their `;`) is only handed out once the rest
// of the script is known to parse; a chunk that does not parse (or a cut that fell
// inside a statement) switches the rest of the script to the scanner's statements,
// which the chunks handed out so far agreed with.
class ChunkedStatements {
 public:
  ChunkedStatements(const std::string& script, std::vector<Span> scanner_spans,
                    StringLiterals literals)
      : script_(script),
        scanner_spans_(with_tail(script, std::move(scanner_spans))),
        literals_(literals) {}

  // The next chunk's statements; false at the end of the script.
  bool next(std::vector<Statement>& out) {
    out.clear();
    if (next_span_ >= scanner_spans_.size()) return false;
    if (parse_alone_from_here_) {
      take_alone(out);
      return true;
    }
    const std::size_t last = std::min(next_span_ + chunk_statements, scanner_spans_.size()) - 1;
    const bool final_chunk = last + 1 == scanner_spans_.size();
    const std::size_t begin = chunk_begin_;
    const std::size_t end = final_chunk ? script_.size() : scanner_spans_[last].end;
    // A cut must fall on a `;`: the parser then starts the next chunk where it started
    // the statement after it in the whole script.
    if (!final_chunk && (end >= script_.size() || script_[end] != ';')) {
      return switch_to_alone(out);
    }
    const std::string text = script_.substr(begin, end - begin);
    std::optional<ParsedChunk> chunk = parse_chunk(script_, begin, end, text.c_str(), literals_);
    if (!chunk) return switch_to_alone(out);
    if (!final_chunk && !rest_parses_ && !agrees_with_scanner(chunk->spans, last)) {
      rest_parses_ = split_with(pg_query_split_with_parser, script_.substr(begin)).has_value();
      if (!rest_parses_) return switch_to_alone(out);
    }
    out = std::move(chunk->statements);
    next_span_ = last + 1;
    chunk_begin_ = end;
    return true;
  }

 private:
  bool agrees_with_scanner(const std::vector<Span>& spans, std::size_t last) const {
    return spans.size() == last + 1 - next_span_ &&
           std::equal(spans.begin(), spans.end(), scanner_spans_.begin() + next_span_);
  }

  bool switch_to_alone(std::vector<Statement>& out) {
    parse_alone_from_here_ = true;
    take_alone(out);
    return true;
  }

  void take_alone(std::vector<Statement>& out) {
    const std::size_t last = std::min(next_span_ + chunk_statements, scanner_spans_.size());
    const std::vector<Span> spans(scanner_spans_.begin() + next_span_,
                                  scanner_spans_.begin() + last);
    parse_spans_alone(script_, spans, out, literals_);
    next_span_ = last;
  }

  const std::string& script_;
  const std::vector<Span> scanner_spans_;
  std::size_t next_span_ = 0;    // the first scanner span not handed out
  std::size_t chunk_begin_ = 0;  // where the next chunk's text starts
  bool rest_parses_ = false;     // the script from chunk_begin_ on is known to parse
  bool parse_alone_from_here_ = false;
  // A chunk parsed again alone is parsed again in order, so the state only ever turns
  // collecting on early: harmless.
  LiteralCollection literals_;
};

// How many chunks the parsing thread may run ahead of the visits: bounds the parsed
// statements held in memory.
constexpr std::size_t chunks_ahead = 2;

// Parsing (libpg_query, the facts) is most of a lint's time and each chunk's parse is
// independent, while visits must run in order (rules see the context built by the
// statements before). So a long script is parsed on a second thread, at most
// chunks_ahead chunks ahead, while the calling thread visits them in script order: the
// same visits, with the same statements, as parsing them in turn. Chunks, not
// statements, change hands, so the threads meet once per chunk. libpg_query keeps its
// parser state per thread.
void parse_and_visit_in_parallel(ChunkedStatements& chunks,
                                 const std::function<void(const Statement&)>& visit) {
  std::deque<std::vector<Statement>> ready;  // guarded by mutex
  bool done = false;                         // no more chunks (guarded by mutex)
  bool stop = false;                         // the visits ended early (guarded by mutex)
  std::exception_ptr failed;                 // guarded by mutex
  std::mutex mutex;
  std::condition_variable changed;

  std::thread parser([&] {
    try {
      std::vector<Statement> chunk;
      while (chunks.next(chunk)) {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return stop || ready.size() < chunks_ahead; });
        if (stop) return;
        ready.push_back(std::move(chunk));
        lock.unlock();
        changed.notify_all();
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex);
      failed = std::current_exception();
    }
    {
      std::lock_guard<std::mutex> lock(mutex);
      done = true;
    }
    changed.notify_all();
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
    for (;;) {
      std::vector<Statement> chunk;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return !ready.empty() || done; });
        if (ready.empty()) {
          if (failed) std::rethrow_exception(failed);
          break;
        }
        chunk = std::move(ready.front());
        ready.pop_front();
      }
      changed.notify_all();
      for (const Statement& stmt : chunk) visit(stmt);
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
}

// Up to this size a script is parsed whole with one call, without splitting it first:
// most migration files are this short.
constexpr std::size_t parse_whole_up_to = 8 * 1024;
// Below this many statements a script is parsed on the calling thread alone.
constexpr std::size_t parallel_from = 64;

// A short script: one parse for all of it, or each statement alone when it does not
// parse.
void parse_whole(const std::string& script, std::vector<Statement>& out, StringLiterals wanted) {
  LiteralCollection literals(wanted);
  std::optional<ParsedChunk> whole =
      parse_chunk(script, 0, script.size(), script.c_str(), literals);
  if (whole) {
    out = std::move(whole->statements);
    return;
  }
  LiteralCollection again(wanted);
  parse_spans_alone(script, accurate_spans(script), out, again);
}

// The one statement a script with a long operator run is read as: an error at the run,
// since parsing it would take time quadratic in the run's length (lexer.hpp).
Statement too_slow_to_parse(const std::string& script, OperatorRun run) {
  Statement stmt;
  stmt.offset = std::min(skip_separators(script, 0), run.offset);
  stmt.text = script.substr(run.offset, 32) + "...";
  stmt.has_error = true;
  stmt.error.message = "more than " + std::to_string(max_operator_run) +
                       " operator characters in a row (+, *, /, =, ...); PostgreSQL's lexer "
                       "takes time quadratic in such a run, so the SQL was not parsed";
  stmt.error.offset = run.offset;
  stmt.error.not_parsed = true;
  return stmt;
}

}  // namespace

void for_each_statement(const std::string& original,
                        const std::function<void(const Statement&)>& visit,
                        StringLiterals literals) {
  // libpg_query takes C strings: a NUL byte would cut the script short. Copy only then.
  std::string without_nul;
  if (original.find('\0') != std::string::npos) {
    without_nul = original;
    std::replace(without_nul.begin(), without_nul.end(), '\0', ' ');
  }
  const std::string& script = without_nul.empty() ? original : without_nul;
  if (const std::optional<OperatorRun> run = find_long_operator_run(script)) {
    visit(too_slow_to_parse(script, *run));
    return;
  }

  std::vector<Statement> statements;
  if (script.size() <= parse_whole_up_to) {
    parse_whole(script, statements, literals);
    for (const Statement& stmt : statements) visit(stmt);
    return;
  }
  std::optional<std::vector<Span>> pieces = split_with(pg_query_split_with_scanner, script);
  if (!pieces) {
    LiteralCollection collection(literals);
    parse_spans_alone(script, accurate_spans(script), statements, collection);
    for (const Statement& stmt : statements) visit(stmt);
    return;
  }
  const bool parallel = pieces->size() >= parallel_from && std::thread::hardware_concurrency() >= 2;
  ChunkedStatements chunks(script, std::move(*pieces), literals);
  if (parallel) {
    parse_and_visit_in_parallel(chunks, visit);
    return;
  }
  while (chunks.next(statements)) {
    for (const Statement& stmt : statements) visit(stmt);
  }
}

std::vector<Statement> parse_script(std::string_view script) {
  std::vector<Statement> out;
  for_each_statement(std::string(script), [&](const Statement& s) { out.push_back(s); });
  return out;
}

}  // namespace migsafe::rules::sql
