#pragma once

#include <vector>

#include "analyzer/alembic/project.hpp"

// Alembic's batch "move and copy": how batch_alter_table does on SQLite what SQLite's
// ALTER TABLE cannot (and on any database with recreate="always"). The statements:
//   CREATE TABLE _alembic_tmp_x (...)
//   INSERT INTO _alembic_tmp_x (...) SELECT ... FROM x
//   DROP TABLE x
//   ALTER TABLE _alembic_tmp_x RENAME TO x
//   CREATE INDEX ... ON x (...)   (x's indexes again, and the batch's new ones)
// Table x lives on with its rows: no table is dropped or renamed, nothing is backfilled,
// and running the batch again works, so no rule may see these. They are left out of the
// revision's unit, so x stays a table that existed before the migration: the rules
// would otherwise take the renamed copy for a table the migration created and say
// nothing about what comes after it. (The simulated schema then misses what the copy
// changed in x's columns and indexes.) The one place that says what a batch copy is.
namespace migsafe::analyzer::lint {

// For each statement, in order: whether it is part of a batch copy.
std::vector<bool> batch_copy_statements(const std::vector<alembic::EmittedStatement>& statements);

}  // namespace migsafe::analyzer::lint
