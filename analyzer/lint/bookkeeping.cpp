#include "analyzer/lint/bookkeeping.hpp"

namespace migsafe::analyzer::lint {

bool is_bookkeeping(const alembic::EmittedStatement& statement) {
  return statement.kind == alembic::StatementKind::version_table;
}

bool is_bookkeeping(const rules::sql::Statement& statement, std::string_view version_table) {
  namespace sql = rules::sql;
  std::string_view table;
  if (const auto* t = statement.as<sql::CreateTable>()) table = t->name.name;
  if (const auto* m = statement.as<sql::Dml>()) table = m->table.name;
  if (const auto* a = statement.as<sql::AlterTable>()) table = a->table.name;
  if (const auto* d = statement.as<sql::Drop>(); d != nullptr && d->names.size() == 1) {
    table = d->names.front().name;
  }
  return table == version_table;
}

}  // namespace migsafe::analyzer::lint
