#include "rules/lint.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "rules/locks.hpp"
#include "rules/registry.hpp"
#include "rules/sql/lexer.hpp"
#include "rules/sql/parser.hpp"
#include "rules/text_positions.hpp"

namespace migsafe::rules {
namespace {

// Resolves the ids and aliases of a set; unknown names are dropped here and reported by
// unknown_rule_names().
std::set<std::string, std::less<>> resolved(const std::set<std::string>& names) {
  std::set<std::string, std::less<>> out;
  for (const std::string& name : names) {
    if (auto id = resolve_rule_id(name)) out.insert(*id);
  }
  return out;
}

// Whether the unit's SQL may hold an ignore comment: SQL without the text
// "migsafe:ignore" holds none, so its comments need not even be looked for.
bool sql_may_have_ignores(const LintUnit& unit, const LintOptions& options) {
  if (!options.sql_ignore_comments) return false;
  return std::any_of(unit.pieces.begin(), unit.pieces.end(), [](const Piece& piece) {
    return piece.sql.find("migsafe:ignore") != std::string::npos;
  });
}

class Linter {
 public:
  Linter(const LintUnit& unit, const LintOptions& options, const FindingSink& sink)
      : unit_(unit),
        options_(options),
        sink_(sink),
        sql_may_have_ignores_(sql_may_have_ignores(unit, options)),
        // Without any ignore, suppression keeps every finding as it is: they can go out
        // as soon as they are made.
        held_(sql_may_have_ignores_ || !unit.suppressions.empty()),
        tracker_(options.context),
        enabled_(resolved(options.enabled)),
        disabled_(resolved(options.disabled)),
        syntax_errors_active_(active(syntax_error_id)) {
    for (const auto& [name, severity] : options.severity) {
      if (auto id = resolve_rule_id(name)) severity_[*id] = severity;
    }
    // Decided once per unit, not per statement: looking ids up in the sets for every
    // rule and statement was a twentieth of a long lint.
    for (const Rule* rule : all_rules()) {
      if (active(rule->id())) active_rules_.push_back(rule);
    }
  }

  void run() {
    for (const Piece& piece : unit_.pieces) lint_piece(piece);
    if (!held_) return;
    std::vector<Suppression> suppressions = unit_.suppressions;
    suppressions.insert(suppressions.end(), sql_suppressions_.begin(), sql_suppressions_.end());
    for (model::Finding& f :
         apply_suppressions(std::move(findings_), suppressions,
                            [this](std::string_view id) { return active(id); })) {
      sink_(std::move(f));
    }
  }

 private:
  // Syntax errors are reported under --only too: a statement nobody could check must not
  // pass silently. Only naming syntax-error in `disabled` turns them off.
  bool active(std::string_view id) const {
    if (disabled_.count(id) > 0) return false;
    return enabled_.empty() || enabled_.count(id) > 0 || id == syntax_error_id;
  }

  model::Location position(const Piece& piece, std::size_t offset) const {
    model::Location at = piece.origin;
    if (piece.positions == Positions::at_origin) return at;
    const model::LineColumn lc = positions_->at(offset);
    const int origin_line = at.line > 0 ? at.line : 1;
    const int origin_column = at.column > 0 ? at.column : 1;
    at.line = origin_line + lc.line - 1;
    at.column = lc.line == 1 ? origin_column + lc.column - 1 : lc.column;
    return at;
  }

  void add(const Piece& piece, std::size_t offset, std::string rule, model::Severity severity,
           std::string message, std::string help, std::string statement, std::string lock) {
    model::Finding f;
    f.check = "lint";
    const auto override_it = severity_.find(rule);
    f.severity = override_it == severity_.end() ? severity : override_it->second;
    f.rule = std::move(rule);
    f.message = std::move(message);
    f.help = std::move(help);
    f.location = position(piece, offset);
    f.statement = std::move(statement);
    f.lock = std::move(lock);
    if (held_) {
      findings_.push_back(std::move(f));
    } else {
      sink_(std::move(f));
    }
  }

  void check_encoding(const Piece& piece) {
    const std::size_t bad = sql::first_invalid_utf8(piece.sql);
    if (bad == std::string::npos || !syntax_errors_active_) return;
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(piece.sql[bad]));
    add(piece, bad, std::string(syntax_error_id), model::Severity::error,
        std::string("invalid UTF-8 byte ") + byte +
            ": PostgreSQL rejects the script in a UTF8 database",
        "save the file as UTF-8", {}, {});
  }

  void check_statement(const Piece& piece, const sql::Statement& statement) {
    if (statement.has_error) {
      if (!syntax_errors_active_) return;
      const bool newer = statement.error.newer_syntax;
      add(piece, statement.error.offset, std::string(syntax_error_id),
          newer ? model::Severity::warning : model::Severity::error,
          newer ? statement.error.message +
                      ": parser too old (PG 15 grammar); this looks like PostgreSQL 16+ syntax, "
                      "so the statement was not linted"
                : statement.error.message,
          newer ? "review this statement by hand; the rules could not see it"
                : "fix the SQL: PostgreSQL will reject it too",
          statement.text, {});
      return;
    }
    if (options_.skip_statement && options_.skip_statement(statement)) return;
    const Context& context = tracker_.context();
    std::optional<std::string> lock;  // described when a finding first needs it
    for (const Rule* rule : active_rules_) {
      for (Violation& v : rule->check(statement, context)) {
        std::string lock_text = std::move(v.lock);
        if (lock_text.empty()) {
          if (context.dialect() != Dialect::postgresql) {
            lock_text = "SQLite: the database is locked for writing while it runs";
          } else {
            if (!lock) lock = lock_description(statement);
            lock_text = *lock;
          }
        }
        add(piece, statement.offset, std::string(rule->id()), rule->default_severity(),
            std::move(v.message), std::move(v.help), statement.text, std::move(lock_text));
      }
    }
  }

  // Where a top-level statement starts and ends, for the ignore comments before it.
  struct Extent {
    std::size_t begin = 0;
    std::size_t end = 0;
  };

  // `-- migsafe:ignore` covers the next statement; `-- migsafe:ignore-file` the file.
  void collect_ignores(const Piece& piece, const std::vector<Extent>& statements) {
    if (!sql_may_have_ignores_) return;
    for (const sql::SqlComment& comment : sql::find_comments(piece.sql)) {
      const auto directive = parse_ignore_directive(comment.text);
      if (!directive) continue;
      Suppression s;
      s.rules = directive->rules;
      s.where = position(piece, comment.offset);
      s.file_wide = directive->file_wide;
      s.first_line = s.last_line = s.where.line + 1;
      const auto next =
          std::upper_bound(statements.begin(), statements.end(), comment.offset,
                           [](std::size_t offset, const Extent& e) { return offset < e.begin; });
      if (next != statements.end()) {
        s.first_line = position(piece, next->begin).line;
        s.last_line = position(piece, next->end).line;
      }
      sql_suppressions_.push_back(std::move(s));
    }
  }

  void lint_piece(const Piece& piece) {
    const TextPositions positions(piece.sql);
    positions_ = &positions;
    check_encoding(piece);
    std::vector<Extent> statements;
    // Values an earlier piece added are still unusable in this one until COMMIT.
    const sql::StringLiterals literals =
        tracker_.context().enum_values_added_in_transaction().empty()
            ? sql::StringLiterals::after_enum_value_added
            : sql::StringLiterals::all;
    sql::for_each_statement(
        piece.sql,
        [&](const sql::Statement& statement) {
          if (!statement.in_do_block) {
            statements.push_back({statement.offset, statement.offset + statement.text.size()});
          }
          check_statement(piece, statement);
          tracker_.after(statement);
        },
        literals);
    collect_ignores(piece, statements);
    positions_ = nullptr;
  }

  const LintUnit& unit_;
  const LintOptions& options_;
  const FindingSink& sink_;
  const bool sql_may_have_ignores_;
  const bool held_;  // findings wait for the ignore comments, which are applied at the end
  ContextTracker tracker_;
  std::set<std::string, std::less<>> enabled_;  // std::less<>: looked up by string_view
  std::set<std::string, std::less<>> disabled_;
  const bool syntax_errors_active_;
  std::map<std::string, model::Severity> severity_;
  std::vector<const Rule*> active_rules_;  // in all_rules() order
  std::vector<model::Finding> findings_;   // when held_
  std::vector<Suppression> sql_suppressions_;
  const TextPositions* positions_ = nullptr;  // of the piece being linted
};

}  // namespace

std::vector<model::Finding> lint(const LintUnit& unit, const LintOptions& options) {
  std::vector<model::Finding> findings;
  lint(unit, options, [&](model::Finding&& f) { findings.push_back(std::move(f)); });
  return findings;
}

void lint(const LintUnit& unit, const LintOptions& options, const FindingSink& sink) {
  Linter(unit, options, sink).run();
}

std::vector<model::Finding> lint_sql(std::string_view sql, const std::string& file,
                                     const LintOptions& options) {
  LintUnit unit;
  Piece piece;
  piece.sql = std::string(sql);
  piece.origin.file = file;
  piece.origin.line = 1;
  piece.origin.column = 1;
  unit.pieces.push_back(std::move(piece));
  return lint(unit, options);
}

std::vector<std::string> unknown_rule_names(const LintOptions& options) {
  std::vector<std::string> out;
  auto check = [&](const std::string& name) {
    if (!resolve_rule_id(name)) out.push_back(name);
  };
  for (const auto& name : options.enabled) check(name);
  for (const auto& name : options.disabled) check(name);
  for (const auto& [name, severity] : options.severity) check(name);
  return out;
}

}  // namespace migsafe::rules
