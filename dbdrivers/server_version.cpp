#include "dbdrivers/server_version.hpp"

#include "dbdrivers/driver.hpp"

namespace migsafe::dbdrivers {

std::string server_version(const DatabaseUrl& url) { return driver_for(url).server_version(url); }

}  // namespace migsafe::dbdrivers
