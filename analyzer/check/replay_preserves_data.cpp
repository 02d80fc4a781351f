#include <cctype>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "analyzer/check/checks.hpp"

namespace migsafe::analyzer::check {
namespace {

enum class Write { insert, update, delete_rows };

// A statement of the first upgrade that wrote a table, where its op.* call is.
struct TableWrite {
  Write kind;
  model::Location location;
  std::string sql;
};

std::string regex_escaped(const std::string& text) {
  static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
  return std::regex_replace(text, special, "\\$&");
}

const char* verb(Write kind) {
  switch (kind) {
    case Write::insert:
      return "inserts into";
    case Write::update:
      return "updates";
    case Write::delete_rows:
      return "deletes from";
  }
  return "writes";
}

// Every INSERT, UPDATE and DELETE on `table` that the first upgrade ran, in order. What
// really ran, not the offline SQL: data migrations through op.get_bind() are there too.
std::vector<TableWrite> writes_to(CheckSession& session, const std::string& table) {
  std::vector<TableWrite> writes;
  const lint::RanStatements* ran = session.ran_statements();
  if (!ran) return writes;
  const std::string bare = table.substr(table.find('.') + 1);
  const std::regex write(R"(^\s*(INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|)"
                         R"(UPDATE(?:\s+OR\s+\w+)?(?:\s+ONLY)?|DELETE\s+FROM(?:\s+ONLY)?))"
                         R"(\s+(?:"?\w+"?\.)?"?)" +
                             regex_escaped(bare) + R"("?(?:[\s(;]|$))",
                         std::regex::icase);
  for (const alembic::EmittedStatement& statement : ran->statements) {
    if (statement.kind != alembic::StatementKind::operation) continue;
    std::smatch match;
    if (!std::regex_search(statement.sql, match, write)) continue;
    const char first =
        static_cast<char>(std::toupper(static_cast<unsigned char>(match[1].str()[0])));
    const Write kind = first == 'U'   ? Write::update
                       : first == 'D' ? Write::delete_rows
                                      : Write::insert;
    writes.push_back(
        {kind,
         model::Location{statement.file, statement.line, statement.column, statement.revision},
         statement.sql});
  }
  return writes;
}

// The statement to blame: the last one that ran of the first kind in `likeliest` that
// ran at all.
std::optional<TableWrite> likeliest_write(const std::vector<TableWrite>& writes,
                                          const std::vector<Write>& likeliest) {
  for (Write kind : likeliest) {
    for (auto it = writes.rbegin(); it != writes.rend(); ++it) {
      if (it->kind == kind) return *it;
    }
  }
  return std::nullopt;
}

model::Finding replay_finding(CheckSession& session, const std::string& table,
                              const dbdrivers::TableContents& was,
                              const dbdrivers::TableContents& is) {
  model::Finding finding;
  finding.check = finding.rule = "replay-preserves-data";
  std::vector<Write> likeliest = {Write::insert};
  if (was.rows != is.rows) {
    finding.message = "running the migrations again changed table " + table + " from " +
                      std::to_string(was.rows) + " to " + std::to_string(is.rows) + " rows";
    finding.help =
        "make the data migration re-runnable: INSERT ... ON CONFLICT DO NOTHING "
        "(SQLite: INSERT OR IGNORE), or INSERT ... SELECT ... WHERE NOT EXISTS";
    if (is.rows < was.rows) likeliest = {Write::delete_rows};
  } else {
    finding.message = "running the migrations again rewrote the rows of table " + table +
                      " (same " + std::to_string(is.rows) + " rows, different content)";
    finding.help =
        "make the data migration re-runnable without touching rows it already "
        "wrote: update rows in place (UPDATE ... WHERE), insert with INSERT ... "
        "ON CONFLICT DO NOTHING (SQLite: INSERT OR IGNORE), and do not delete rows "
        "to insert them again: they come back with new ids, and whatever refers to "
        "the old ones (foreign keys, URLs, caches) breaks";
    // Same count, new content: most often deleted and inserted again, else updated by
    // a statement that is not idempotent (SET n = n + 1).
    likeliest = {Write::delete_rows, Write::update, Write::insert};
  }
  if (auto write = likeliest_write(writes_to(session, table), likeliest)) {
    finding.message = "revision " + write->location.revision + " " + verb(write->kind) + " " +
                      table + " on every run: " + finding.message;
    finding.location = write->location;
    finding.statement = write->sql;
  }
  return finding;
}

}  // namespace

// Every table must hold the same rows before and after `replay`, compared by count and
// by a hash of their content: a data migration that inserts its seed rows again
// duplicates them in production too, and one that deletes and re-inserts them keeps the
// count but gives every row a new id.
model::CheckStatus check_replay_preserves_data(CheckSession& session) {
  if (!session.ensure_replayed()) return model::CheckStatus::skipped;
  const dbdrivers::ContentsByTable& before = session.contents_before_replay();
  bool changed = false;
  for (const auto& [table, is] : session.contents_after_replay()) {
    auto it = before.find(table);
    const dbdrivers::TableContents was =
        it == before.end() ? dbdrivers::TableContents{} : it->second;
    if (was == is) continue;
    changed = true;
    session.add(replay_finding(session, table, was, is));
  }
  return changed ? model::CheckStatus::failed : model::CheckStatus::passed;
}

}  // namespace migsafe::analyzer::check
