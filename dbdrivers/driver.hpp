#pragma once

#include <map>
#include <string>
#include <vector>

#include "dbdrivers/database_url.hpp"
#include "dbdrivers/reflect.hpp"
#include "dbdrivers/table_contents.hpp"
#include "model/dialect.hpp"
#include "model/error.hpp"
#include "model/schema.hpp"

namespace migsafe::dbdrivers {

// Everything migsafe does to a database of one dialect. Each backend is one folder
// (dbdrivers/postgres/, dbdrivers/sqlite/) holding its Driver; the rest of the code asks
// driver_for() and never branches on the dialect to pick database code. Every method
// turns the library's exceptions into model::EnvironmentError, passwords masked.
class Driver {
 public:
  virtual ~Driver() = default;

  virtual model::Dialect dialect() const = 0;
  // Connects once (PostgreSQL) or opens the file read-only (SQLite), then lets go:
  // proves the database can be used before work starts.
  virtual void check_connection(const DatabaseUrl& url) const = 0;
  // dbdrivers::reflect() (reflect.hpp) for this dialect; `stats` starts empty.
  virtual model::Schema reflect(const DatabaseUrl& url, const ReflectOptions& options,
                                ReflectStats& stats) const = 0;
  // dbdrivers::reset_database() (reset_database.hpp): only for a scratch migsafe made.
  virtual void reset(const DatabaseUrl& scratch) const = 0;
  // dbdrivers::read_table_contents() (table_contents.hpp).
  virtual ContentsByTable read_table_contents(const DatabaseUrl& url) const = 0;
  // The revisions Alembic's version table holds, sorted; none when it has no such table.
  // schema: env.py's version_table_schema (PostgreSQL), empty for the search path.
  virtual std::vector<std::string> applied_revisions(const DatabaseUrl& url,
                                                     const std::string& schema,
                                                     const std::string& version_table) const = 0;
  // dbdrivers::ReuseConnections (reuse_connections.hpp): on or off for `url`.
  virtual void reuse_connections(const DatabaseUrl& url, bool on) const = 0;
  // ReuseConnections::connect_now() (reuse_connections.hpp).
  virtual void connect_now(const DatabaseUrl& url) const = 0;
  // dbdrivers::server_version() (server_version.hpp).
  virtual std::string server_version(const DatabaseUrl& url) const = 0;
};

// The one driver of each dialect; they hold no state, so one instance serves every call.
const Driver& driver_for(model::Dialect dialect);
const Driver& driver_for(const DatabaseUrl& url);

// The error both drivers' reset() throw: the same words whatever the dialect.
model::EnvironmentError reset_error(const DatabaseUrl& scratch, const std::string& reason);

}  // namespace migsafe::dbdrivers
