#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dbdrivers/database_url.hpp"

namespace migsafe::dbdrivers {

// Where `--db` says to run: "sqlite", "postgres", "docker", or a server URL.
struct ScratchRequest {
  std::string db = "sqlite";
  // Folder of initdb/pg_ctl/postgres; empty: the documented search order
  // (MIGSAFE_PG_BIN, the set-up's folder, PATH, /usr/lib/postgresql/*/bin newest first).
  std::filesystem::path pg_bin;
};

// A database migsafe created and alone may write to. Destroying it removes everything
// it made: the postgres process, the temp folder, the scratch database on a user's
// server. The same clean-up runs if migsafe is interrupted (SIGINT/SIGTERM) or killed.
class ScratchDatabase {
 public:
  virtual ~ScratchDatabase() = default;

  // The URL env.py gets. It may carry a password: never print it, use display_url().
  virtual const DatabaseUrl& url() const = 0;
  std::string display_url() const { return url().display(); }
  Dialect dialect() const { return url().dialect(); }

  // "scratch-file", "scratch-cluster", "scratch-database" or "docker" (JSON's database.kind).
  virtual std::string kind() const = 0;
  virtual std::string server_version() const = 0;  // "17.10", "3.40.1"
  // The temp folder holding the SQLite file or the cluster (its data dir is folder()/data);
  // empty for a database on a server.
  virtual std::filesystem::path folder() const { return {}; }

  // Why the database is gone while migsafe still uses it (its server stopped: the OOM
  // killer, a `pkill postgres`; its file removed), else nullopt. Cheap: asked after
  // every check.
  virtual std::optional<std::string> lost() const { return std::nullopt; }

  // What making it found and left alone: another run's leftovers that may still be in
  // use ("left alone: scratch database migsafe_... (made by pid 42 on ci-3, 2 h ago)...").
  const std::vector<std::string>& notes() const { return notes_; }
  void add_notes(std::vector<std::string> notes) {
    for (auto& note : notes) notes_.push_back(std::move(note));
  }

 private:
  std::vector<std::string> notes_;
};

// Creates the scratch database `request.db` asks for. Throws model::EnvironmentError
// (no binaries, unreachable server, no Docker engine) or model::UsageError (bad --db).
std::unique_ptr<ScratchDatabase> create_scratch(const ScratchRequest& request);

// A second scratch database beside `database`: another database on the same PostgreSQL
// server, or another SQLite file. Made and dropped like the first (check's split walk).
std::unique_ptr<ScratchDatabase> create_sibling_scratch(const ScratchDatabase& database);

}  // namespace migsafe::dbdrivers
