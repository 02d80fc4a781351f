#include <regex>

#include "analyzer/check/checks.hpp"

namespace migsafe::analyzer::check {
namespace {

std::string regex_escaped(const std::string& text) {
  static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
  return std::regex_replace(text, special, "\\$&");
}

// Where `table` gets its rows: the last INSERT into it among the statements the
// revisions emit (Alembic's offline mode maps each to its op.* call).
std::optional<model::Location> insert_into(CheckSession& session, const std::string& table) {
  const std::string bare = table.substr(table.find('.') + 1);
  const std::regex insert(R"(^\s*INSERT\s+(OR\s+\w+\s+)?INTO\s+(\w+\.)?"?)" +
                              regex_escaped(bare) + R"("?[\s(])",
                          std::regex::icase);
  std::optional<model::Location> found;
  try {
    for (const auto& statement : session.project().offline_sql("base", "heads")) {
      if (!std::regex_search(statement.sql, insert)) continue;
      found = model::Location{statement.file, statement.line, 0, statement.revision};
    }
  } catch (const model::Error&) {
    // Some revisions cannot run offline (they read from the database): say less.
  }
  return found;
}

}  // namespace

// Row counts of every table before and after `replay` must match: a data migration
// that inserts its seed rows again on a re-run duplicates them in production too.
model::CheckStatus check_replay_preserves_data(CheckSession& session) {
  if (!session.ensure_replayed()) return model::CheckStatus::skipped;
  const RowCounts& before = session.rows_before_replay();
  const RowCounts& after = session.rows_after_replay();
  bool changed = false;
  for (const auto& [table, count] : after) {
    auto it = before.find(table);
    const long long was = it == before.end() ? 0 : it->second;
    if (was == count) continue;
    changed = true;
    model::Finding finding;
    finding.check = finding.rule = "replay-preserves-data";
    finding.message = "running the migrations again changed table " + table + " from " +
                      std::to_string(was) + " to " + std::to_string(count) + " rows";
    finding.help = "make the data migration re-runnable: INSERT ... ON CONFLICT DO NOTHING "
                   "(SQLite: INSERT OR IGNORE), or INSERT ... SELECT ... WHERE NOT EXISTS";
    if (auto location = insert_into(session, table)) {
      finding.message = "revision " + location->revision + " inserts into " + table +
                        " on every run: " + finding.message;
      finding.location = *location;
    }
    session.add(std::move(finding));
  }
  return changed ? model::CheckStatus::failed : model::CheckStatus::passed;
}

}  // namespace migsafe::analyzer::check
