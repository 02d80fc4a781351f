#pragma once

#include <string>

#include "dbdrivers/database_url.hpp"

namespace migsafe::dbdrivers {

// The server's version ("17.10", "15.20"; SQLite: the library's, "3.40.1"). Throws
// model::EnvironmentError when the database cannot be reached.
std::string server_version(const DatabaseUrl& url);

}  // namespace migsafe::dbdrivers
