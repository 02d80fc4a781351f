#pragma once

// Text for findings: how an object is declared (the Expected/Actual blocks) and the
// Alembic operation that fixes a difference (the help). Internal to analyzer/diff.

#include <string>
#include <vector>

#include "analyzer/diff/comparators.hpp"
#include "model/schema.hpp"

namespace migsafe::analyzer::diff {

std::string py_string(const std::string& text);                 // "text" with escapes
std::string py_list(const std::vector<std::string>& items);      // ["a", "b"]
std::string python_type(const model::Column& column, dbdrivers::Dialect dialect);  // sa.String(length=2)
std::string render_column(const model::Column& column, dbdrivers::Dialect dialect);  // sa.Column(...)
std::string render_server_default(const std::optional<std::string>& value);  // sa.text("...") or None

// op.<method>(<before>, "<table>", <after>) on PostgreSQL; on SQLite, where ALTER
// TABLE cannot do it, the batch form Alembic documents for it.
std::string table_op(const CompareContext& ctx, const std::string& table, const std::string& method,
                     const std::string& before, const std::string& after, bool needs_batch = true);

std::string describe_column(const model::Column& column);
std::string describe_index(const model::Index& index);
std::string describe_unique(const model::UniqueConstraint& unique);
std::string describe_check(const model::CheckConstraint& check);
std::string describe_foreign_key(const model::ForeignKey& fk);
std::string describe_primary_key(const model::PrimaryKey& pk);
std::string join(const std::vector<std::string>& items, const std::string& separator = ", ");

}  // namespace migsafe::analyzer::diff
