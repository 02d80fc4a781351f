#include "analyzer/lint/batch_copy.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "rules/sql/parser.hpp"
#include "rules/sql/text_case.hpp"
#include "rules/sqlite_spellings.hpp"

namespace migsafe::analyzer::lint {
namespace {

namespace sql = rules::sql;
using sql::to_lower;

constexpr std::string_view copy_prefix = "_alembic_tmp_";

// Alembic's name for the copy of `table` (alembic/operations/batch.py), lower case.
std::string copy_name(const std::string& table) {
  return to_lower(std::string(copy_prefix) + table).substr(0, 50);
}

// A CREATE TABLE neither grammar reads is still the copy's if it names the copy.
bool creates_unread(const std::string& text, const std::string& copy) {
  const std::string lower = to_lower(text);
  const std::size_t start = lower.find_first_not_of(" \t\r\n");
  return start != std::string::npos && lower.compare(start, 6, "create") == 0 &&
         lower.find(copy) != std::string::npos;
}

// One statement as the rules read it; SQLite's own spellings (a column of the copy
// declared AUTOINCREMENT) respelled first when PostgreSQL's grammar rejects it.
std::optional<sql::Statement> parse(const std::string& text) {
  for (const std::string& attempt : {text, rules::respell_sqlite_for_postgres(text)}) {
    std::vector<sql::Statement> parsed = sql::parse_script(attempt);
    if (parsed.size() == 1 && !parsed.front().has_error) return std::move(parsed.front());
  }
  return std::nullopt;
}

// The table a statement names in the role asked for, lower case; "" for another statement.
std::string created_table(const std::optional<sql::Statement>& s) {
  const auto* t = s ? s->as<sql::CreateTable>() : nullptr;
  return t != nullptr ? to_lower(t->name.name) : "";
}

std::string inserted_into(const std::optional<sql::Statement>& s) {
  const auto* m = s ? s->as<sql::Dml>() : nullptr;
  const bool insert = m != nullptr && (m->kind == sql::DmlKind::insert_select ||
                                       m->kind == sql::DmlKind::insert_values);
  return insert ? to_lower(m->table.name) : "";
}

std::string dropped_table(const std::optional<sql::Statement>& s) {
  const auto* d = s ? s->as<sql::Drop>() : nullptr;
  const bool one_table = d != nullptr && d->object == "table" && d->names.size() == 1;
  return one_table ? to_lower(d->names.front().name) : "";
}

std::string indexed_table(const std::optional<sql::Statement>& s) {
  const auto* i = s ? s->as<sql::CreateIndex>() : nullptr;
  return i != nullptr ? to_lower(i->table.name) : "";
}

// The statements of one batch copy, found from its last step, the rename.
class CopyFinder {
 public:
  explicit CopyFinder(const std::vector<alembic::EmittedStatement>& statements)
      : statements_(statements) {}

  // [first, last] of the copy whose rename is statement `rename`, if it is one.
  std::optional<std::pair<std::size_t, std::size_t>> around(std::size_t rename) const {
    const auto parsed = parse(statements_[rename].sql);
    const auto* r = parsed ? parsed->as<sql::Rename>() : nullptr;
    if (r == nullptr || r->object != "table") return std::nullopt;
    const std::string table = to_lower(r->new_name);
    const std::string copy = copy_name(r->new_name);
    if (to_lower(r->target.name) != copy) return std::nullopt;
    if (rename == 0 || !same_revision(rename - 1, rename) ||
        dropped_table(parse(statements_[rename - 1].sql)) != table) {
      return std::nullopt;
    }
    // Back from the DROP over the copy's INSERT to its CREATE TABLE.
    std::optional<std::size_t> first;
    for (std::size_t j = rename - 1; j-- > 0 && same_revision(j, rename);) {
      const auto step = parse(statements_[j].sql);
      if (inserted_into(step) == copy) continue;
      if (created_table(step) == copy || (!step && creates_unread(statements_[j].sql, copy))) {
        first = j;
      }
      break;
    }
    if (!first) return std::nullopt;
    // On after the rename over the indexes created again on x.
    std::size_t last = rename;
    while (last + 1 < statements_.size() && same_revision(last + 1, rename) &&
           indexed_table(parse(statements_[last + 1].sql)) == table) {
      ++last;
    }
    return std::make_pair(*first, last);
  }

 private:
  bool same_revision(std::size_t a, std::size_t b) const {
    return statements_[a].revision == statements_[b].revision;
  }

  const std::vector<alembic::EmittedStatement>& statements_;
};

}  // namespace

std::vector<bool> batch_copy_statements(const std::vector<alembic::EmittedStatement>& statements) {
  std::vector<bool> out(statements.size(), false);
  const CopyFinder finder(statements);
  for (std::size_t i = 0; i < statements.size(); ++i) {
    // Only a statement naming a copy can be the rename: the rest is never parsed here.
    // Alembic writes the prefix in lower case whatever the table's name.
    if (statements[i].sql.find(copy_prefix) == std::string::npos) continue;
    const auto copy = finder.around(i);
    if (!copy) continue;
    for (std::size_t j = copy->first; j <= copy->second; ++j) out[j] = true;
  }
  return out;
}

}  // namespace migsafe::analyzer::lint
