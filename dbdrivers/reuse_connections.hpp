#pragma once

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

}  // namespace migsafe::dbdrivers
