#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/alembic/project.hpp"
#include "analyzer/check/check_request.hpp"
#include "dbdrivers/scratch.hpp"
#include "model/finding.hpp"
#include "model/schema.hpp"

namespace migsafe::analyzer::check {

using RowCounts = std::map<std::string, long long>;

// The state one `migsafe check` run shares between its checks. Steps that several
// checks need (the first upgrade, the replay) run once, on first demand, and keep
// their outcome, so `--only replay-preserves-data` still replays exactly once.
class CheckSession {
 public:
  CheckSession(const CheckRequest& request, alembic::Project& project,
               dbdrivers::ScratchDatabase* database);

  const CheckRequest& request() const { return request_; }
  alembic::Project& project() { return project_; }
  dbdrivers::ScratchDatabase& database();
  bool has_database() const { return database_ != nullptr; }
  const std::vector<alembic::Revision>& revisions();
  const alembic::Revision* find_revision(const std::string& id);

  void add(model::Finding finding);
  // Why the running check was skipped, or a one-line summary; reported beside its status.
  void set_note(std::string note) { note_ = std::move(note); }
  std::string take_note() { return std::exchange(note_, {}); }
  const std::vector<model::Finding>& findings() const { return findings_; }

  // `upgrade head` on the empty database, then the project's seed. False when it
  // failed; the failure is the upgrade check's finding.
  bool ensure_upgraded();
  // stamp base keeping the schema, then `upgrade head` again; false when it failed.
  bool ensure_replayed();

  const RowCounts& rows_before_replay() const { return rows_before_replay_; }
  const RowCounts& rows_after_replay() const { return rows_after_replay_; }
  const model::Schema& schema_before_replay() const { return schema_before_replay_; }
  const model::Schema& schema_after_replay() const { return schema_after_replay_; }

  // The scratch database's schema as it is now, without Alembic's version table.
  model::Schema reflect();

  // Alembic's version table as env.py configures it (context.configure(version_table=
  // ...)), else alembic_version: never part of a schema migsafe compares.
  const std::string& version_table() const;

  // Brings the database to exactly `revisions` applied ("base" when empty), for the
  // checks that walk the graph one edge at a time. On a linear walk it already is; after
  // a branch switch or a failure (mark_dirty), it starts again from an empty database.
  void bring_to_exactly(const std::vector<std::string>& revisions);
  void mark_dirty() { dirty_ = true; }

  // Differences between two schemas as findings of `check`.
  std::vector<model::Finding> compare(const model::Schema& expected, const model::Schema& actual,
                                      const std::string& check, const std::string& expected_label,
                                      const std::string& actual_label) const;

  // A finding for a migration that raised while `check` ran it.
  model::Finding migration_failure(const std::string& check, const alembic::MigrationError& error,
                                   const std::string& message_prefix) const;

 private:
  void run_seed();
  // Empties the scratch database; the steps above will run again on demand.
  void reset_database();

  const CheckRequest& request_;
  alembic::Project& project_;
  dbdrivers::ScratchDatabase* database_;
  std::optional<std::vector<alembic::Revision>> revisions_;
  std::vector<model::Finding> findings_;
  std::optional<bool> upgraded_;
  std::optional<bool> replayed_;
  RowCounts rows_before_replay_;
  RowCounts rows_after_replay_;
  model::Schema schema_before_replay_;
  model::Schema schema_after_replay_;
  bool dirty_ = false;
  std::string note_;
  mutable std::optional<std::string> version_table_;
};

}  // namespace migsafe::analyzer::check
