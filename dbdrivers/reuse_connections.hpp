#pragma once

#include <stdexcept>

#include "dbdrivers/database_url.hpp"

namespace migsafe::dbdrivers {

// While an instance lives, migsafe's own reads of `url` (reflection, row counts, the
// version table) share one read-only connection instead of opening one each: `check`
// reads its scratch database a few times per revision. Without one, nothing stays
// connected between reads, so a database can be dropped right after.
class ReuseConnections {
 public:
  explicit ReuseConnections(DatabaseUrl url);
  ~ReuseConnections();
  // Opens the shared connection now, on this thread. libpq reads the environment while
  // it connects (PGHOST, PGSSLMODE, ...) and Python code may be changing it meanwhile
  // (env.py's load_dotenv, the URL variable migsafe sets): glibc's getenv racing setenv
  // reads freed memory. A thread that reads the database beside Python therefore finds
  // the connection open and only sends queries. Throws model::EnvironmentError.
  void connect_now() const;

  ReuseConnections(const ReuseConnections&) = delete;
  ReuseConnections& operator=(const ReuseConnections&) = delete;

 private:
  DatabaseUrl url_;
};

// A read that would have to connect on a thread under NoConnecting.
class ConnectionNeeded : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// While an instance lives, reads on this thread never connect (see connect_now()): a
// kept connection that is gone, or a read with reuse off, throws ConnectionNeeded, and
// the caller reads again where connecting is safe.
class NoConnecting {
 public:
  NoConnecting();
  ~NoConnecting();
  NoConnecting(const NoConnecting&) = delete;
  NoConnecting& operator=(const NoConnecting&) = delete;
  // False on a thread under a NoConnecting.
  static bool allowed();

 private:
  bool previous_;
};

}  // namespace migsafe::dbdrivers
