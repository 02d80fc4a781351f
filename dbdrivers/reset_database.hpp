#pragma once

#include "dbdrivers/database_url.hpp"

namespace migsafe::dbdrivers {

// Empties a scratch database migsafe created, so a check can walk the revisions from
// nothing again: the SQLite file is truncated; a PostgreSQL database is dropped and
// created again under the same name. Never call it on a database migsafe did not make.
void reset_database(const DatabaseUrl& scratch);

}  // namespace migsafe::dbdrivers
