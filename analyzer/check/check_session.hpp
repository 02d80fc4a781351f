#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/alembic/project.hpp"
#include "analyzer/check/chain_walk.hpp"
#include "analyzer/check/check_request.hpp"
#include "analyzer/check/second_walk.hpp"
#include "analyzer/lint/lint_paths.hpp"
#include "dbdrivers/reuse_connections.hpp"
#include "dbdrivers/scratch.hpp"
#include "dbdrivers/table_contents.hpp"
#include "model/finding.hpp"
#include "model/schema.hpp"

namespace migsafe::analyzer::check {

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
  // Appends `text` to the help of the findings of `check` at `revision`.
  void extend_help(const std::string& check, const std::string& revision, const std::string& text);
  // Why the running check was skipped, or a one-line summary; reported beside its status.
  void set_note(std::string note) { note_ = std::move(note); }
  std::string take_note() { return std::exchange(note_, {}); }
  // Why a check that needs the upgrade or the replay was skipped: which one failed.
  std::string why_skipped() const;
  const std::vector<model::Finding>& findings() const { return findings_; }

  // `upgrade head` on the empty database, then the project's seed. False when it
  // failed; the failure is the upgrade check's finding.
  bool ensure_upgraded();
  // Whether that first upgrade passed, running it if it has not run; unlike
  // ensure_upgraded(), once known it leaves the database where it is.
  bool upgrade_passes();
  // What the first upgrade ran on the scratch database (running it if it has not run);
  // null without a database.
  const lint::RanStatements* ran_statements();
  // stamp base keeping the schema, then `upgrade head` again; false when it failed.
  bool ensure_replayed();

  // The walk up the chain (chain_walk.hpp), once, with the parts the selected checks need.
  const std::vector<RevisionOutcome>& chain_outcomes();
  // Starts the upper part of that walk in a second process now, when the selected checks
  // walk a history long enough to gain from it (second_walk.hpp). Throws
  // model::InputError when they walk a history that does not load.
  void start_second_walk();
  // When the walk has run and took every revision down to base cleanly: the schema it
  // came down from (every revision applied), the database now at base. Null otherwise.
  const model::Schema* schema_the_walk_came_down_from() const;

  // Every table's row count and content hash before and after the replay.
  const dbdrivers::ContentsByTable& contents_before_replay() const {
    return contents_before_replay_;
  }
  const dbdrivers::ContentsByTable& contents_after_replay() const { return contents_after_replay_; }
  const model::Schema& schema_before_replay() const { return schema_before_replay_; }
  const model::Schema& schema_after_replay() const { return schema_after_replay_; }

  // The work tree's models (--metadata, else env.py's target_metadata), exported once
  // for the scratch database's dialect; null when env.py hands Alembic none.
  const model::Schema* new_models();
  // The models at --base-ref, the old code's (expand_contract/models_at_ref.hpp), read
  // once; null without --base-ref, empty when the project did not exist at the ref.
  const model::Schema* old_models();

  // The scratch database's schema as it is now, without Alembic's version table.
  model::Schema reflect();

  // Alembic's version table as env.py configures it (context.configure(version_table=
  // ...)), else alembic_version: never part of a schema migsafe compares.
  const std::string& version_table() const;
  const std::string& version_table_schema() const;  // empty: the search path's
  // The revisions the scratch database is stamped with, read from the version table
  // (not through env.py: no migration environment to start).
  std::vector<std::string> applied_revisions();

  // Brings the database to exactly `revisions` applied ("base" when empty), for the
  // checks that walk the graph one edge at a time. On a linear walk it already is, or
  // upgrades forward to them; after a branch switch or a failure (mark_dirty), it starts
  // again from an empty database.
  void bring_to_exactly(const std::vector<std::string>& revisions);
  void mark_dirty() { dirty_ = true; }
  // Whether the database is clean and every revision applied is below `revisions` (or
  // one of them): `upgrade` reaches them without starting again.
  bool is_below(const std::vector<std::string>& revisions);
  // The revisions given and every revision below them.
  std::set<std::string> ancestors_of(const std::vector<std::string>& revisions);

  // Differences between two schemas as findings of `check`.
  std::vector<model::Finding> compare(const model::Schema& expected, const model::Schema& actual,
                                      const std::string& check, const std::string& expected_label,
                                      const std::string& actual_label) const;

  // A finding for a migration that raised while `check` ran it.
  model::Finding migration_failure(const std::string& check, const alembic::MigrationError& error,
                                   const std::string& message_prefix) const;

 private:
  void run_seed();
  ChainWalkParts walk_parts() const;
  bool is_below(const std::vector<std::string>& applied, const std::vector<std::string>& revisions);
  // Empties the scratch database; the steps above will run again on demand.
  void reset_database();

  const CheckRequest& request_;
  alembic::Project& project_;
  dbdrivers::ScratchDatabase* database_;
  // The scratch database is read a few times per revision: one connection for all reads.
  std::unique_ptr<dbdrivers::ReuseConnections> reuse_connections_;
  std::optional<std::vector<alembic::Revision>> revisions_;
  std::vector<model::Finding> findings_;
  std::optional<bool> upgraded_;         // the database is upgraded (reset clears it)
  std::optional<bool> first_upgrade_passed_;
  std::optional<bool> replayed_;
  std::optional<lint::RanStatements> ran_;
  std::optional<ChainWalk> chain_walk_;
  std::unique_ptr<SecondWalk> second_walk_;
  dbdrivers::ContentsByTable contents_before_replay_;
  dbdrivers::ContentsByTable contents_after_replay_;
  model::Schema schema_before_replay_;
  model::Schema schema_after_replay_;
  std::optional<std::optional<model::Schema>> new_models_;
  std::optional<std::optional<model::Schema>> old_models_;
  bool dirty_ = false;
  std::string note_;
  void read_version_table() const;
  mutable std::optional<std::pair<std::string, std::string>> version_table_;  // name, schema
};

}  // namespace migsafe::analyzer::check
