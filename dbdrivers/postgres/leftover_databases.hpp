#pragma once

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "dbdrivers/database_url.hpp"

namespace migsafe::dbdrivers::postgres {

// Marks the scratch database `name`, just made, as this process's: COMMENT ON DATABASE
// with the host, boot id, process id and start time (os::ProcessMark), read by the
// sweep of a later run.
void mark_scratch_database(pqxx::transaction_base& tx, const std::string& name);

// The scratch databases (migsafe_<16 hex>) on the server `tx` is connected to, left by
// runs killed with their reaper: dropped when their maker is gone from this machine or
// they are older than a day (cleanup::judge_leftover), through `admin_uri`. Returns a
// note for each one left alone (made on another host, or unmarked). Never throws for a
// database it cannot read or drop: that is a note too.
std::vector<std::string> sweep_leftover_databases(pqxx::transaction_base& tx,
                                                  const std::string& admin_uri,
                                                  const DatabaseUrl& server);

}  // namespace migsafe::dbdrivers::postgres
