#pragma once

#include <string>
#include <vector>

#include "analyzer/diff/difference.hpp"
#include "dbdrivers/database_url.hpp"
#include "model/finding.hpp"
#include "model/schema.hpp"

namespace migsafe::analyzer::diff {

struct DiffOptions {
  dbdrivers::Dialect dialect = dbdrivers::Dialect::postgresql;
  // Titles of the two sides in findings: "models"/"database" for model-matches-ddl and
  // drift, e.g. "after upgrade"/"after replay" for schema-vs-schema checks.
  std::string expected_label = "models";
  std::string actual_label = "database";
  // Tables neither side reports (compared by normalised name).
  std::vector<std::string> ignore_tables = {"alembic_version"};
};

// Compares two schemas like Alembic's autogenerate: dispatched schema -> table ->
// column / primary key / unique / check / foreign key / index, then enums and
// sequences. Differences come out in a stable order (by table, then object).
std::vector<Difference> compare_schemas(const model::Schema& expected, const model::Schema& actual,
                                        const DiffOptions& options);

// One finding per difference: check and rule are `check_name`; the message names the
// object and carries "Expected (<label>):" / "Actual (<label>):" blocks; help is the
// Alembic operation that fixes it.
std::vector<model::Finding> to_findings(const std::vector<Difference>& differences,
                                        const std::string& check_name, const DiffOptions& options,
                                        model::Severity severity = model::Severity::error);

// Database against database, for replay-preserves-schema ("schema after upgrade" vs
// "schema after replay"), up-down-consistency and downgrade-leaves-no-trace: the two
// labels title the Expected/Actual blocks.
std::vector<model::Finding> compare_database_schemas(const model::Schema& expected, const model::Schema& actual,
                                                     dbdrivers::Dialect dialect, const std::string& check_name,
                                                     const std::string& expected_label,
                                                     const std::string& actual_label);

}  // namespace migsafe::analyzer::diff
