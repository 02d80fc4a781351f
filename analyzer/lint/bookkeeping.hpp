#pragma once

#include <string_view>

#include "analyzer/alembic/project.hpp"
#include "rules/sql/statement.hpp"

// Alembic's own bookkeeping on its version table (CREATE TABLE alembic_version, INSERT /
// UPDATE / DELETE of its row, DROP TABLE) is not the user's migration: no rule looks at
// it. The one place that says what it is, for both kinds of input.
namespace migsafe::analyzer::lint {

// In a revision's offline SQL the bridge saw Alembic emit it (StatementKind::
// version_table), whatever env.py names the table.
bool is_bookkeeping(const alembic::EmittedStatement& statement);

// In a .sql file (saved `alembic upgrade --sql` output) only the table's name shows it.
bool is_bookkeeping(const rules::sql::Statement& statement,
                    std::string_view version_table = "alembic_version");

}  // namespace migsafe::analyzer::lint
