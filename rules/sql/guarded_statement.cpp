#include "rules/sql/guarded_statement.hpp"

#include <algorithm>

#include "rules/sql/guard_positions.hpp"
#include "rules/sql/identifier.hpp"
#include "rules/sql/statement_edit.hpp"

namespace migsafe::rules::sql {
namespace {

using model::Dialect;

// Past this many characters the help shows the statement's head only: the finding
// carries the whole statement already.
constexpr std::size_t shown_limit = 300;

// What makes the statement safe to run again: words spliced into it, and the DO block
// around it (catalog tests it runs under, errors of a second run it ignores).
struct Plan {
  StatementEdit& edit;
  const GuardRequest& request;
  std::vector<std::string> guards;
  std::vector<std::string> conditions;
  std::vector<std::string> exceptions;

  bool postgres() const { return request.dialect == Dialect::postgresql; }

  bool splice(std::optional<std::size_t> at, const std::string& words) {
    if (!insert(at, words)) return false;
    if (std::find(guards.begin(), guards.end(), words) == guards.end()) guards.push_back(words);
    return true;
  }
  // Words that are no guard themselves (a constraint's name).
  bool insert(std::optional<std::size_t> at, const std::string& words) {
    if (!at) return false;
    edit.insert_before(*at, words);
    return true;
  }
  bool only_if(std::string condition) {
    if (!postgres()) return false;
    conditions.push_back(std::move(condition));
    return true;
  }
  bool ignore(std::initializer_list<const char*> errors) {
    if (!postgres()) return false;
    for (const char* error : errors) {
      if (std::find(exceptions.begin(), exceptions.end(), error) == exceptions.end()) {
        exceptions.push_back(error);
      }
    }
    return true;
  }
};

std::string column_exists(const QualifiedName& table, const std::string& column) {
  const std::string schema =
      table.schema.empty() ? std::string("current_schema()") : quote_literal(table.schema);
  return "EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = " + schema +
         " AND table_name = " + quote_literal(table.name) +
         " AND column_name = " + quote_literal(column) + ")";
}

bool relation(const std::string& object) {
  return object == "table" || object == "view" || object == "index" || object == "sequence" ||
         object == "materialized view" || object == "foreign table";
}

bool guard(const CreateTable& t, Plan& plan) {
  return !t.if_not_exists && plan.splice(after_create_keyword(plan.edit, "TABLE"), "IF NOT EXISTS");
}

bool guard(const CreateIndex& i, Plan& plan) {
  // IF NOT EXISTS needs a name; an unnamed index never collides, it is built twice.
  if (i.if_not_exists || i.name.empty()) return false;
  return plan.splice(after_create_keyword(plan.edit, "INDEX"), "IF NOT EXISTS");
}

bool guard(const CreateType&, Plan& plan) { return plan.ignore({"duplicate_object"}); }

bool guard(const CreateObject& o, Plan& plan) {
  if (o.if_not_exists || o.or_replace) return false;
  const std::string& object = o.object;
  if (!plan.postgres()) {
    // SQLite has IF NOT EXISTS for triggers and views, and nothing else to offer here.
    const char* keyword = object == "trigger" ? "TRIGGER" : object == "view" ? "VIEW" : nullptr;
    return keyword != nullptr &&
           plan.splice(after_create_keyword(plan.edit, keyword), "IF NOT EXISTS");
  }
  // CREATE OR REPLACE TRIGGER from PostgreSQL 14 on, never for constraint triggers.
  const bool replaceable_trigger = object == "trigger" && plan.request.pg_version >= 14 &&
                                   !plan.edit.keyword_at(1, "CONSTRAINT");
  if (replaceable_trigger || object == "view" || object == "function" || object == "procedure") {
    return plan.splice(1, "OR REPLACE");
  }
  const char* keyword = object == "sequence"            ? "SEQUENCE"
                        : object == "schema"            ? "SCHEMA"
                        : object == "extension"         ? "EXTENSION"
                        : object == "materialized view" ? "VIEW"
                                                        : nullptr;
  if (keyword != nullptr) {
    return plan.splice(after_create_keyword(plan.edit, keyword), "IF NOT EXISTS");
  }
  return plan.ignore({"duplicate_object"});  // triggers before 14, policies
}

// The name PostgreSQL gives an unnamed constraint: <table>_<columns>_<suffix>.
std::string default_constraint_name(const std::string& table, const Constraint& c,
                                    const std::string& suffix) {
  std::string name = table;
  for (const std::string& column : c.columns) name += "_" + column;
  return name + "_" + suffix;
}

// The errors adding a constraint a second time raises (PostgreSQL 17): a named CHECK or
// foreign key collides by name; UNIQUE and EXCLUDE build an index, whose name collides;
// a second primary key is refused; USING INDEX finds its index renamed away. Unnamed,
// a CHECK, UNIQUE or foreign key is added again without an error: a UNIQUE or foreign
// key gets the name PostgreSQL gives it on the first run, so the second run collides;
// a CHECK's default name depends on its expression, so it gets no guard here.
bool ignore_readding(const AlterTable& a, const Constraint& c, std::size_t start, Plan& plan) {
  if (!c.using_index.empty()) return plan.ignore({"undefined_object", "duplicate_object"});
  if (c.kind == ConstraintKind::primary_key) return plan.ignore({"invalid_table_definition"});
  const bool unique = c.kind == ConstraintKind::unique;
  if (c.name.empty()) {
    if (!unique && c.kind != ConstraintKind::foreign_key) return false;
    const std::string name = default_constraint_name(a.table.name, c, unique ? "key" : "fkey");
    if (!plan.insert(after_words(plan.edit, start, {"ADD"}),
                     "CONSTRAINT " + quote_identifier(name))) {
      return false;
    }
  }
  if (unique || c.kind == ConstraintKind::exclusion) return plan.ignore({"duplicate_table"});
  return plan.ignore({"duplicate_object"});
}

bool once_only(const AlterTableCommand& cmd) {
  return cmd.kind == AlterKind::add_constraint ||
         (!cmd.if_exists_or_not &&
          (cmd.kind == AlterKind::add_column || cmd.kind == AlterKind::drop_column ||
           cmd.kind == AlterKind::drop_constraint));
}

bool alters_column(const AlterTableCommand& cmd) {
  return cmd.kind == AlterKind::alter_column_type || cmd.kind == AlterKind::set_not_null ||
         cmd.kind == AlterKind::drop_not_null || cmd.kind == AlterKind::set_default ||
         cmd.kind == AlterKind::drop_default;
}

std::vector<std::size_t> commands_to_guard(const AlterTable& a, const GuardRequest& request) {
  if (!request.failing_commands.empty()) return request.failing_commands;
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < a.commands.size(); ++k) {
    if (once_only(a.commands[k])) out.push_back(k);
  }
  if (!out.empty()) return out;
  for (std::size_t k = 0; k < a.commands.size(); ++k) {
    if (alters_column(a.commands[k])) out.push_back(k);
  }
  return out;
}

bool guard_command(const AlterTable& a, std::size_t k, std::size_t start, Plan& plan) {
  const AlterTableCommand& cmd = a.commands[k];
  if (cmd.kind == AlterKind::add_constraint) return ignore_readding(a, cmd.constraint, start, plan);
  if (alters_column(cmd)) return plan.only_if(column_exists(a.table, cmd.column));
  // SQLite has neither ADD COLUMN IF NOT EXISTS nor DROP COLUMN IF EXISTS.
  if (cmd.if_exists_or_not || !plan.postgres()) return false;
  // ADD [COLUMN] |name, DROP [COLUMN] |name: COLUMN is optional.
  auto after_verb = [&](std::string_view verb) {
    auto at = after_words(plan.edit, start, {verb, "COLUMN"});
    return at ? at : after_words(plan.edit, start, {verb});
  };
  if (cmd.kind == AlterKind::add_column) return plan.splice(after_verb("ADD"), "IF NOT EXISTS");
  if (cmd.kind == AlterKind::drop_column) return plan.splice(after_verb("DROP"), "IF EXISTS");
  if (cmd.kind == AlterKind::drop_constraint) {
    return plan.splice(after_words(plan.edit, start, {"DROP", "CONSTRAINT"}), "IF EXISTS");
  }
  return false;
}

bool guard(const AlterTable& a, Plan& plan) {
  if (plan.request.relation_missing) {
    return !a.if_exists && plan.postgres() && plan.splice(after_alter_head(plan.edit), "IF EXISTS");
  }
  const std::vector<std::size_t> starts = command_starts(plan.edit);
  if (starts.size() != a.commands.size()) return false;
  bool guarded = false;
  for (std::size_t k : commands_to_guard(a, plan.request)) {
    if (k >= starts.size() || !guard_command(a, k, starts[k], plan)) return false;
    guarded = true;
  }
  return guarded;
}

bool guard(const Drop& d, Plan& plan) {
  if (d.if_exists) return false;
  const bool sqlite_has_it =
      d.object == "table" || d.object == "index" || d.object == "view" || d.object == "trigger";
  if (!plan.postgres() && !sqlite_has_it) return false;
  return plan.splice(after_drop_head(plan.edit, d.object), "IF EXISTS");
}

bool guard(const Rename& r, Plan& plan) {
  if (!plan.postgres()) return false;
  const bool of_relation = relation(r.object);
  if (of_relation || plan.request.relation_missing) {
    // ALTER TABLE IF EXISTS: a no-op once the old name is gone (or the table is).
    return !r.if_exists && plan.splice(after_alter_head(plan.edit), "IF EXISTS");
  }
  // Whether the old name is gone or the new one taken, the new name is there: skip.
  if (r.object == "column") return plan.only_if("NOT " + column_exists(r.target, r.new_name));
  if (r.object == "schema") {
    return plan.only_if("NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = " +
                        quote_literal(r.new_name) + ")");
  }
  if (r.object == "function" || r.object == "procedure" || r.object == "routine" ||
      r.object == "aggregate") {
    return plan.ignore({"undefined_function", "duplicate_function"});
  }
  return plan.ignore({"undefined_object", "duplicate_object"});
}

bool guard(const AlterEnum& e, Plan& plan) {
  if (!e.old_value.empty()) {
    const std::string type = "to_regtype(" + quote_literal(quote_name(e.type)) + ")";
    return plan.only_if(type + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_enum WHERE " +
                        "enumtypid = " + type + " AND enumlabel = " + quote_literal(e.new_value) +
                        ")");
  }
  return !e.if_not_exists && plan.splice(after_add_value(plan.edit), "IF NOT EXISTS");
}

bool guard(const Dml& d, Plan& plan) {
  if (d.kind != DmlKind::insert_values && d.kind != DmlKind::insert_select) return false;
  if (has_on_conflict(plan.edit)) return false;
  if (!plan.postgres()) return plan.splice(after_insert(plan.edit), "OR IGNORE");
  return plan.splice(before_returning(plan.edit), "ON CONFLICT DO NOTHING");
}

template <class Facts>
bool guard(const Facts&, Plan&) {
  return false;
}

// A dollar-quote tag the block's body does not hold: $$ unless it holds $$.
std::string dollar_tag(const std::string& body) {
  std::string tag = "$$";
  for (int n = 1; body.find(tag) != std::string::npos; ++n) {
    tag = "$guard" + (n == 1 ? std::string() : std::to_string(n)) + "$";
  }
  return tag;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string do_block(const std::string& statement, const Plan& plan, const std::string& tag) {
  std::string body = statement + ";";
  if (!plan.conditions.empty()) {
    body = "IF " + join(plan.conditions, " AND ") + " THEN " + body + " END IF;";
  }
  if (!plan.exceptions.empty()) {
    body += " EXCEPTION WHEN " + join(plan.exceptions, " OR ") + " THEN NULL;";
  }
  return "DO " + tag + " BEGIN " + body + " END " + tag;
}

}  // namespace

std::optional<GuardedStatement> guarded_statement(const Statement& statement,
                                                  const GuardRequest& request) {
  if (statement.has_error) return std::nullopt;
  std::optional<StatementEdit> edit = StatementEdit::of(statement.text);
  if (!edit) return std::nullopt;
  Plan plan{*edit, request, {}, {}, {}};
  const bool guarded =
      std::visit([&](const auto& facts) { return guard(facts, plan); }, statement.facts);
  if (!guarded) return std::nullopt;

  GuardedStatement out;
  out.sql = edit->render();
  bool shortened = false;
  out.shown = edit->render(shown_limit, shortened);
  if (shortened) out.shown += " ... (the rest as written)";
  out.guard = join(plan.guards, ", ");
  if (!plan.conditions.empty() || !plan.exceptions.empty()) {
    const std::string tag = dollar_tag(out.sql + " " + join(plan.conditions, " "));
    out.sql = do_block(out.sql, plan, tag);
    out.shown = do_block(out.shown, plan, tag);
    out.guard = "a DO block";
    out.do_block = true;
  }
  return out;
}

std::string guard_help(const GuardedStatement& guarded) {
  if (guarded.do_block) return "wrap it in a DO block: " + guarded.shown;
  if (guarded.shown == guarded.sql) return "write " + guarded.sql;
  return "add " + guarded.guard + ": " + guarded.shown;
}

}  // namespace migsafe::rules::sql
