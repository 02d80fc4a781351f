#include "rules/lint.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <string_view>
#include <utility>

#include "rules/locks.hpp"
#include "rules/registry.hpp"
#include "rules/sql/lexer.hpp"
#include "rules/sql/parser.hpp"
#include "rules/sql/text_case.hpp"
#include "rules/sqlite_spellings.hpp"
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

// A statement PostgreSQL's grammar rejected, read again with SQLite's own spellings
// respelled (rules/sqlite_spellings.hpp); nullopt when that does not parse either. Its
// text stays the user's, for the findings.
std::optional<sql::Statement> read_as_sqlite(const sql::Statement& statement) {
  const std::string respelled = respell_sqlite_for_postgres(statement.text);
  if (respelled == statement.text) return std::nullopt;
  std::vector<sql::Statement> parsed = sql::parse_script(respelled);
  if (parsed.size() != 1 || parsed.front().has_error) return std::nullopt;
  sql::Statement read = std::move(parsed.front());
  read.text = statement.text;
  read.offset = statement.offset;  // the respelled text starts at the same first token
  read.in_do_block = statement.in_do_block;
  read.guard = statement.guard;
  return read;
}

// sql::for_each_statement, reading SQLite's spellings too when the SQL is SQLite's.
void for_each_statement(const std::string& script, Dialect dialect,
                        const std::function<void(const sql::Statement&)>& visit,
                        sql::StringLiterals literals) {
  sql::for_each_statement(
      script,
      [&](const sql::Statement& statement) {
        if (!statement.has_error || dialect != Dialect::sqlite) return visit(statement);
        const std::optional<sql::Statement> read = read_as_sqlite(statement);
        visit(read ? *read : statement);
      },
      literals);
}

// PRAGMA reads or sets SQLite's own settings (SQLAlchemy reflects tables with it): no
// rule has anything to say about it.
bool is_pragma(const sql::Statement& statement) {
  const std::string_view text = statement.text;
  return text.size() > 6 && sql::to_upper(std::string(text.substr(0, 6))) == "PRAGMA" &&
         std::isspace(static_cast<unsigned char>(text[6])) != 0;
}

// BEGIN, COMMIT and ROLLBACK end a stretch of statements (Grouping::per_transaction).
bool is_transaction_boundary(const sql::Statement& statement) {
  const auto* tx = statement.as<sql::Transaction>();
  return tx != nullptr && tx->kind != sql::TransactionKind::savepoint &&
         tx->kind != sql::TransactionKind::other;
}

class Linter {
 public:
  // `schema`: what earlier units of the chain left behind, moved past this unit at the
  // end; null for an independent unit.
  Linter(const LintUnit& unit, const LintOptions& options, const FindingSink& sink,
         SchemaState* schema)
      : unit_(unit),
        options_(options),
        sink_(sink),
        schema_(schema),
        sql_may_have_ignores_(sql_may_have_ignores(unit, options)),
        // Without any ignore, suppression keeps every finding as it is.
        suppressing_(sql_may_have_ignores_ || !unit.suppressions.empty()),
        tracker_(options.context, schema != nullptr ? std::move(*schema) : SchemaState{}),
        enabled_(resolved(options.enabled)),
        disabled_(resolved(options.disabled)),
        syntax_errors_active_(active(syntax_error_id)) {
    for (const auto& [name, severity] : options.severity) {
      if (auto id = resolve_rule_id(name)) severity_[*id] = severity;
    }
    // Decided once per unit, not per statement: looking ids up in the sets for every
    // rule and statement was a twentieth of a long lint.
    int rank = 0;
    for (const Rule* rule : all_rules()) {
      if (!active(rule->id())) continue;
      (rule->pass() == Pass::rerun ? rerun_rules_ : first_run_rules_).push_back({rule, rank++});
      if (rule->grouping() != Grouping::per_statement && options.one_finding_per_cause) {
        grouping_.emplace(rule->id(), rule->grouping());
      }
    }
  }

  void run() {
    for (const Piece& piece : unit_.pieces) lint_piece(piece);
    SchemaState end = tracker_.take_schema();
    if (!rerun_rules_.empty()) {
      // The re-run changes the state it runs on: a copy only when the caller keeps it.
      rerun_pass(schema_ != nullptr ? SchemaState(end) : std::move(end));
    }
    if (schema_ != nullptr) *schema_ = std::move(end);
    finish();
  }

 private:
  // A rule and its place in all_rules(): the order of a statement's findings.
  struct RankedRule {
    const Rule* rule;
    int rank;
  };
  // Findings wait for the end of the unit: a later statement can withdraw one (a DROP
  // TABLE) or add one before it (the re-run pass).
  struct Held {
    std::size_t ordinal;  // the statement's, in the unit
    std::size_t stretch;  // between transaction boundaries: see Grouping::per_transaction
    int rank;             // encoding -2, syntax -1, then the rule's
    std::string unless_table_dropped_later;
    model::Finding finding;
  };
  // A statement the re-run pass replays.
  struct Logged {
    std::size_t ordinal;
    std::size_t stretch;
    model::Location location;
    sql::Statement statement;
  };

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

  void add(std::size_t ordinal, std::size_t stretch, int rank, model::Location location,
           std::string rule, model::Severity severity, Violation v, std::string statement) {
    Held h{ordinal, stretch, rank, std::move(v.unless_table_dropped_later), {}};
    model::Finding& f = h.finding;
    f.check = "lint";
    f.proven = false;  // a prediction from the SQL
    const auto override_it = severity_.find(rule);
    f.severity = override_it == severity_.end() ? severity : override_it->second;
    f.rule = std::move(rule);
    f.message = std::move(v.message);
    f.help = std::move(v.help);
    f.location = std::move(location);
    f.statement = std::move(statement);
    f.lock = std::move(v.lock);
    held_.push_back(std::move(h));
  }

  void check_encoding(const Piece& piece) {
    const std::size_t bad = sql::first_invalid_utf8(piece.sql);
    if (bad == std::string::npos || !syntax_errors_active_) return;
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(piece.sql[bad]));
    add(ordinal_, stretch_, -2, position(piece, bad), std::string(syntax_error_id), model::Severity::error,
        {std::string("invalid UTF-8 byte ") + byte +
             ": PostgreSQL rejects the script in a UTF8 database",
         "save the file as UTF-8", {}, {}},
        {});
  }

  // The lock a finding names: the rule's, else what the statement takes.
  std::string lock_text(std::string from_rule, const sql::Statement& statement,
                        std::optional<std::string>& described) const {
    if (!from_rule.empty()) return from_rule;
    if (options_.context.dialect != Dialect::postgresql) {
      return "SQLite: the database is locked for writing while it runs";
    }
    if (!described) described = lock_description(statement);
    return *described;
  }

  // A statement libpg_query's PostgreSQL 15 grammar rejects: no rule can read it. Only
  // written PostgreSQL SQL is a syntax error; for the rest the finding says it was not
  // linted, or nothing at all when the database is the judge.
  void check_unparsed(const Piece& piece, const sql::Statement& statement) {
    if (!syntax_errors_active_) return;
    const sql::ParseError& error = statement.error;
    const bool executed = options_.source == SqlSource::executed;
    Violation v;
    model::Severity severity = model::Severity::warning;
    if (error.not_parsed) {
      // Not a grammar's verdict: whatever the dialect, the rules saw none of this SQL.
      severity = executed ? model::Severity::warning : model::Severity::error;
      v.message = error.message;
      v.help = "put a space or a line break into the run (nested comments: `/* /*`, not "
               "`/*/*`); migsafe lints nothing of this SQL until then";
    } else if (options_.context.dialect == Dialect::sqlite) {
      // Every rule, the SQLite ones too, reads PostgreSQL's parse tree, and SQLite's own
      // spellings were respelled for it already (read_as_sqlite). What still does not
      // parse is no syntax error: SQLite ran it (or rejected it, and the upgrade reports
      // SQLite's own error), so it is passed over silently. Written SQLite SQL was seen
      // by no rule and by no SQLite either: a warning says so.
      if (executed || is_pragma(statement)) return;
      v.message = error.message +
                  ": PostgreSQL's grammar, which the rules read, does not parse this SQLite "
                  "statement, so it was not linted";
      v.help = "review this statement by hand; SQLite checks its syntax when the migration runs";
    } else if (error.newer_syntax || executed) {
      v.message = error.message + ": parser too old (PG 15 grammar); " +
                  (error.newer_syntax ? "this looks like PostgreSQL 16+ syntax"
                                      : "the database was given it to run, so it is newer syntax") +
                  ", so the statement was not linted";
      v.help = "review this statement by hand; the rules could not see it";
    } else {
      severity = model::Severity::error;
      v.message = error.message;
      v.help = "fix the SQL: PostgreSQL will reject it too";
    }
    add(ordinal_, stretch_, -1, position(piece, error.offset), std::string(syntax_error_id), severity,
        std::move(v), statement.text);
  }

  void check_statement(const Piece& piece, const sql::Statement& statement) {
    if (statement.has_error) return check_unparsed(piece, statement);
    if (options_.skip_statement && options_.skip_statement(statement)) return;
    const Context& context = tracker_.context();
    std::optional<std::string> lock;  // described when a finding first needs it
    std::optional<model::Location> at;
    for (const RankedRule& ranked : first_run_rules_) {
      for (Violation& v : ranked.rule->check(statement, context)) {
        if (!at) at = position(piece, statement.offset);
        v.lock = lock_text(std::move(v.lock), statement, lock);
        add(ordinal_, stretch_, ranked.rank, *at, std::string(ranked.rule->id()),
            ranked.rule->default_severity(), std::move(v), statement.text);
      }
    }
    if (!rerun_rules_.empty() && SchemaState::changes_schema(statement.facts)) {
      sql::Statement copy = statement;
      copy.string_literals.clear();
      logged_.push_back(
          {ordinal_, stretch_, at ? *at : position(piece, statement.offset), std::move(copy)});
    }
  }

  // Tables a statement drops, for the violations a later DROP TABLE withdraws.
  void note_dropped_tables(const sql::Statement& statement) {
    const auto* d = statement.as<sql::Drop>();
    if (d == nullptr || d->object != "table") return;
    for (const sql::QualifiedName& name : d->names) {
      table_dropped_at_[sql::to_lower(name.name)] = ordinal_;
    }
  }

  // The rules about running the unit again: its statements replayed, in order, on the
  // schema it left behind. A step that fails there is a no-op, so each one to guard is
  // found, not only the first.
  void rerun_pass(SchemaState state) {
    const std::size_t first_run_findings = held_.size();
    RerunContext rerun(options_.context);
    for (const Logged& logged : logged_) {
      const sql::Statement& statement = logged.statement;
      const RerunSteps steps =
          state.apply(statement.facts, statement.guarded(), SchemaState::Mode::rerun);
      rerun.set_steps(&steps);
      std::optional<std::string> lock;
      for (const RankedRule& ranked : rerun_rules_) {
        for (Violation& v : ranked.rule->check(statement, rerun.context())) {
          v.lock = lock_text(std::move(v.lock), statement, lock);
          add(logged.ordinal, logged.stretch, ranked.rank, logged.location,
              std::string(ranked.rule->id()),
              ranked.rule->default_severity(), std::move(v), statement.text);
        }
      }
    }
    rerun.set_steps(nullptr);
    // Both runs' findings are in statement order already: merge them.
    std::inplace_merge(held_.begin(), held_.begin() + first_run_findings, held_.end(),
                       in_statement_order);
  }

  static bool in_statement_order(const Held& a, const Held& b) {
    return a.ordinal != b.ordinal ? a.ordinal < b.ordinal : a.rank < b.rank;
  }

  void finish() {
    std::vector<model::Finding> findings;
    std::vector<std::size_t> stretches;
    std::vector<std::size_t> ordinals;
    findings.reserve(held_.size());
    stretches.reserve(held_.size());
    ordinals.reserve(held_.size());
    for (Held& h : held_) {
      if (!h.unless_table_dropped_later.empty()) {
        const auto drop = table_dropped_at_.find(sql::to_lower(h.unless_table_dropped_later));
        if (drop != table_dropped_at_.end() && drop->second > h.ordinal) continue;
      }
      findings.push_back(std::move(h.finding));
      stretches.push_back(h.stretch);
      ordinals.push_back(h.ordinal);
    }
    held_.clear();
    std::vector<model::Finding> warnings;
    if (suppressing_) {
      // Each statement's finding is silenced on its own line, before grouping: an ignore
      // on one occurrence removes that occurrence, and the cause goes with the last one.
      std::vector<Suppression> suppressions = unit_.suppressions;
      suppressions.insert(suppressions.end(), sql_suppressions_.begin(), sql_suppressions_.end());
      SuppressionOutcome outcome = judge_suppressions(
          findings, suppressions, [this](std::string_view id) { return active(id); });
      std::size_t kept = 0;
      for (std::size_t i = 0; i < findings.size(); ++i) {
        if (outcome.silenced[i]) continue;
        if (kept != i) {
          findings[kept] = std::move(findings[i]);
          stretches[kept] = stretches[i];
          ordinals[kept] = ordinals[i];
        }
        ++kept;
      }
      findings.resize(kept);
      warnings = std::move(outcome.warnings);
    }
    group_by_cause(findings, stretches, ordinals);
    for (model::Finding& f : findings) sink_(std::move(f));
    for (model::Finding& w : warnings) sink_(std::move(w));
  }

  // One finding per cause for the rules that group (Rule::grouping()): the cause's first
  // finding stays where it is and lists every statement of the cause, itself first, each
  // once (a CREATE TABLE with two varchar columns is one statement of the cause).
  void group_by_cause(std::vector<model::Finding>& findings,
                      const std::vector<std::size_t>& stretches,
                      const std::vector<std::size_t>& ordinals) const {
    if (grouping_.empty()) return;
    struct Cause {
      std::size_t finding;            // its index in `findings`, once compacted
      std::size_t last_statement;     // the ordinal of its last occurrence
    };
    std::map<std::pair<std::string, std::size_t>, Cause> causes;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < findings.size(); ++i) {
      const auto grouping = grouping_.find(findings[i].rule);
      if (grouping == grouping_.end()) {
        if (kept != i) findings[kept] = std::move(findings[i]);
        ++kept;
        continue;
      }
      const std::size_t stretch =
          grouping->second == Grouping::per_transaction ? stretches[i] : 0;
      const auto [cause, first] =
          causes.emplace(std::make_pair(findings[i].rule, stretch), Cause{kept, ordinals[i]});
      if (!first) {
        if (cause->second.last_statement == ordinals[i]) continue;  // listed already
        cause->second.last_statement = ordinals[i];
        findings[cause->second.finding].occurrences.push_back(
            {findings[i].location, findings[i].statement});
        continue;
      }
      if (kept != i) findings[kept] = std::move(findings[i]);
      model::Finding& f = findings[kept];
      f.occurrences.push_back({f.location, f.statement});
      ++kept;
    }
    findings.resize(kept);
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
    for_each_statement(
        piece.sql, options_.context.dialect,
        [&](const sql::Statement& parsed) {
          // The tool's pieces are a BEGIN or a COMMIT each: copying them costs nothing.
          std::optional<sql::Statement> tools;
          if (piece.author != sql::Author::migration) {
            tools = parsed;
            tools->author = piece.author;
          }
          const sql::Statement& statement = tools ? *tools : parsed;
          if (!statement.in_do_block) {
            statements.push_back({statement.offset, statement.offset + statement.text.size()});
          }
          check_statement(piece, statement);
          note_dropped_tables(statement);
          tracker_.after(statement);
          if (is_transaction_boundary(statement)) ++stretch_;
          ++ordinal_;
        },
        literals);
    collect_ignores(piece, statements);
    positions_ = nullptr;
  }

  const LintUnit& unit_;
  const LintOptions& options_;
  const FindingSink& sink_;
  SchemaState* schema_;
  const bool sql_may_have_ignores_;
  const bool suppressing_;  // ignores apply, once every finding of the unit is known
  ContextTracker tracker_;
  std::set<std::string, std::less<>> enabled_;  // std::less<>: looked up by string_view
  std::set<std::string, std::less<>> disabled_;
  const bool syntax_errors_active_;
  std::map<std::string, model::Severity> severity_;
  std::vector<RankedRule> first_run_rules_;  // in all_rules() order
  std::vector<RankedRule> rerun_rules_;
  std::vector<Held> held_;
  std::vector<Logged> logged_;  // when a re-run rule is active
  std::map<std::string, std::size_t> table_dropped_at_;  // table -> ordinal of its last DROP
  std::size_t ordinal_ = 0;  // of the statement being linted
  std::size_t stretch_ = 0;  // of the statement being linted: BEGIN, COMMIT, ROLLBACK end one
  std::map<std::string, Grouping, std::less<>> grouping_;  // the active rules that group
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
  Linter(unit, options, sink, nullptr).run();
}

void lint(const LintUnit& unit, const LintOptions& options, SchemaState& schema,
          const FindingSink& sink) {
  Linter(unit, options, sink, &schema).run();
}

void advance_schema(const LintUnit& unit, const LintOptions& options, SchemaState& schema) {
  ContextTracker tracker(options.context, std::move(schema));
  for (const Piece& piece : unit.pieces) {
    for_each_statement(
        piece.sql, options.context.dialect,
        [&](const sql::Statement& statement) { tracker.after(statement); },
        sql::StringLiterals::after_enum_value_added);
  }
  schema = tracker.take_schema();
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
