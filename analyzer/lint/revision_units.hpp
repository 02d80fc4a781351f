#pragma once

#include <map>
#include <string>
#include <vector>

#include "analyzer/alembic/project.hpp"
#include "rules/lint.hpp"

namespace migsafe::analyzer::lint {

// One revision's SQL, ready for rules::lint.
struct RevisionUnit {
  std::string revision;
  std::string file;  // absolute, as the pieces' origins and suppressions spell it
  rules::LintUnit unit;
  // Alembic opened a transaction before this revision's first statement (one
  // transaction for the whole run): its statements run inside it.
  bool starts_in_transaction = false;
};

// Splits the offline SQL of a whole run into one unit per revision, in run order.
// Every statement is a piece positioned at its op.* call (BEGIN/COMMIT included, so
// the context knows the transaction); Alembic's bookkeeping on the version table and
// its batch move-and-copy (batch_copy.hpp) are left out; statements env.py emits before
// the first revision (SET lock_timeout, ...) start every unit. `ini_folder` resolves
// relative file names.
std::vector<RevisionUnit> split_by_revision(const std::vector<alembic::EmittedStatement>& statements,
                                            const std::string& ini_folder);

}  // namespace migsafe::analyzer::lint
