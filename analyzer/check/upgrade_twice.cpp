#include <algorithm>

#include "analyzer/check/checks.hpp"
#include "dbdrivers/row_counts.hpp"

namespace migsafe::analyzer::check {
namespace {

std::string joined(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out.empty() ? "(none)" : out;
}

}  // namespace

// A second `upgrade head` on a migrated database must be a no-op: no revision runs,
// no row changes.
model::CheckStatus check_upgrade_twice(CheckSession& session) {
  if (!session.ensure_upgraded()) return model::CheckStatus::skipped;
  const auto versions_before = session.project().current();
  const auto rows_before = dbdrivers::count_rows(session.database().url());
  try {
    session.project().upgrade("heads");
  } catch (const alembic::MigrationError& error) {
    session.add(session.migration_failure("upgrade-twice", error,
                                          "fails when `upgrade head` runs a second time"));
    return model::CheckStatus::failed;
  }
  const auto versions_after = session.project().current();
  const auto rows_after = dbdrivers::count_rows(session.database().url());

  model::Finding finding;
  finding.check = finding.rule = "upgrade-twice";
  if (joined(versions_before) != joined(versions_after)) {
    finding.message = "a second `upgrade head` moved the database from " +
                      joined(versions_before) + " to " + joined(versions_after);
    finding.help = "check env.py: the version table must be read from the database being migrated";
    session.add(finding);
    return model::CheckStatus::failed;
  }
  for (const auto& [table, count] : rows_after) {
    auto before = rows_before.find(table);
    const long long was = before == rows_before.end() ? 0 : before->second;
    if (was != count) {
      finding.message = "a second `upgrade head`, with nothing to upgrade, changed table " + table +
                        " from " + std::to_string(was) + " to " + std::to_string(count) + " rows";
      finding.help = "something outside the revisions writes on every run (env.py or an "
                     "on_version_apply hook): make it idempotent";
      session.add(finding);
      return model::CheckStatus::failed;
    }
  }
  return model::CheckStatus::passed;
}

}  // namespace migsafe::analyzer::check
