#pragma once

#include <string>

#include "dbdrivers/database_url.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers::postgres {

// A driver message with every trace of the URL's password removed (libpq may echo the
// connection string, and a password may appear in it verbatim).
std::string scrub(const DatabaseUrl& url, const std::string& driver_text);

// What failed, on which server (password masked), and how to fix it.
model::EnvironmentError connection_error(const DatabaseUrl& url, const std::string& driver_text);

// Adds a connect timeout unless the URL sets one, so an unreachable host fails fast.
DatabaseUrl with_connect_timeout(DatabaseUrl url);

}  // namespace migsafe::dbdrivers::postgres
