#include <algorithm>

#include "analyzer/check/checks.hpp"
#include "dbdrivers/table_contents.hpp"

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
// no row changes (count or content: env.py bumping a counter on every run is a write too).
model::CheckStatus check_upgrade_twice(CheckSession& session) {
  if (!session.ensure_upgraded()) return model::CheckStatus::skipped;
  const auto versions_before = session.project().current();
  const auto rows_before = dbdrivers::read_table_contents(session.database().url());
  try {
    session.project().upgrade("heads");
  } catch (const alembic::MigrationError& error) {
    session.add(session.migration_failure("upgrade-twice", error,
                                          "fails when `upgrade head` runs a second time"));
    return model::CheckStatus::failed;
  }
  const auto versions_after = session.project().current();
  const auto rows_after = dbdrivers::read_table_contents(session.database().url());

  model::Finding finding;
  finding.check = finding.rule = "upgrade-twice";
  if (joined(versions_before) != joined(versions_after)) {
    finding.message = "a second `upgrade head` moved the database from " +
                      joined(versions_before) + " to " + joined(versions_after);
    finding.help = "check env.py: the version table must be read from the database being migrated";
    session.add(finding);
    return model::CheckStatus::failed;
  }
  for (const auto& [table, contents] : rows_after) {
    auto before = rows_before.find(table);
    const dbdrivers::TableContents was =
        before == rows_before.end() ? dbdrivers::TableContents{} : before->second;
    if (was == contents) continue;
    finding.message = "a second `upgrade head`, with nothing to upgrade, " +
                      (was.rows != contents.rows
                           ? "changed table " + table + " from " + std::to_string(was.rows) +
                                 " to " + std::to_string(contents.rows) + " rows"
                           : "rewrote the rows of table " + table + " (same " +
                                 std::to_string(contents.rows) + " rows, different content)");
    finding.help = "something outside the revisions writes on every run (env.py or an "
                   "on_version_apply hook): make it idempotent";
    session.add(finding);
    return model::CheckStatus::failed;
  }
  return model::CheckStatus::passed;
}

}  // namespace migsafe::analyzer::check
