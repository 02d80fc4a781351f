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
  ReuseConnections(const ReuseConnections&) = delete;
  ReuseConnections& operator=(const ReuseConnections&) = delete;

 private:
  DatabaseUrl url_;
};

}  // namespace migsafe::dbdrivers
