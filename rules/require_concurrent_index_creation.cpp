#include "rules/require_concurrent_index_creation.hpp"

#include "rules/rule_support.hpp"
#include "rules/sql/guard_positions.hpp"
#include "rules/sql/identifier.hpp"
#include "rules/sql/statement_edit.hpp"

namespace migsafe::rules {
namespace {

// The user's own statement with CONCURRENTLY (and IF NOT EXISTS, which needs a name)
// after INDEX: "write CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON t (a)".
std::string concurrent_form(const sql::Statement& statement, const sql::CreateIndex& index) {
  const std::string words = index.name.empty() || index.if_not_exists
                                ? std::string("CONCURRENTLY")
                                : std::string("CONCURRENTLY IF NOT EXISTS");
  auto edit = sql::StatementEdit::of(statement.text);
  const auto at = edit ? sql::after_create_keyword(*edit, "INDEX") : std::nullopt;
  if (!at) {
    return "write CREATE " + std::string(index.unique ? "UNIQUE " : "") + "INDEX " + words +
           " ... ON " + sql::quote_name(index.table);
  }
  edit->insert_before(*at, words);
  bool shortened = false;
  const std::string shown = edit->render(300, shortened);
  return shortened ? "add " + words + ": " + shown + " ... (the rest as written)"
                   : "write " + shown;
}

}  // namespace

std::vector<Violation> RequireConcurrentIndexCreation::check(const sql::Statement& statement,
                                                             const Context& context) const {
  const auto* index = statement.as<sql::CreateIndex>();
  // ON ONLY builds nothing on a partitioned table (the partitions' indexes are built and
  // attached one by one, where this rule judges each). ONLY is only written for those:
  // on a plain table PostgreSQL ignores it and builds, which this rule then misses.
  if (!is_postgres(context) || index == nullptr || index->concurrent || index->only ||
      !is_existing_table(context, index->table)) {
    return {};
  }
  const std::string name = index->name.empty() ? std::string("an index") : "index " + index->name;
  const std::string table = index->table.display();
  return single({"CREATE INDEX builds " + name + " on existing table " + table +
                     " without CONCURRENTLY: writes to " + table + " wait until the build finishes",
                 concurrent_form(statement, *index) + " outside a transaction " + autocommit_hint,
                 {}});
}

}  // namespace migsafe::rules
