#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dbdrivers/database_url.hpp"
#include "dbdrivers/scratch.hpp"

namespace migsafe::dbdrivers::cleanup {
class Reaper;
}

namespace migsafe::dbdrivers::postgres {

struct CreatedDatabase {
  DatabaseUrl url;  // the server's URL pointing at the new database
  std::string server_version;
  std::vector<std::string> notes;  // leftovers of other runs it found and left alone
};

// On the server `server` names, creates `migsafe_<random hex>` from template0, marked as
// this process's, and registers its drop with `reaper` (before creating it). First, the
// scratch databases earlier runs left when killed with their reaper are dropped or noted
// (leftover_databases.hpp). Nothing else is run on that server. Throws model::EnvironmentError (unreachable, authentication, no CREATEDB
// right) with the password masked.
CreatedDatabase create_database_on(const DatabaseUrl& server, cleanup::Reaper& reaper);

// `--db URL`: a scratch database on the user's server, dropped afterwards.
std::unique_ptr<ScratchDatabase> create_scratch_database(const DatabaseUrl& server);

}  // namespace migsafe::dbdrivers::postgres
