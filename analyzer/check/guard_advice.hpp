#pragma once

#include <string>

#include "model/dialect.hpp"

namespace migsafe::analyzer::check {

// How to make a statement that failed on its second run safe to run again: the statement
// itself with the guard it lacks, e.g. `write CREATE TABLE IF NOT EXISTS "user" (id
// bigint)`, or a DO block around it; general advice when it has no guard in `dialect`
// or does not parse (SQLAlchemy's %(name)s parameters).
std::string guard_advice(const std::string& statement,
                         model::Dialect dialect = model::Dialect::postgresql);

}  // namespace migsafe::analyzer::check
