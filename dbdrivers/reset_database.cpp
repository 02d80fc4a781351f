#include "dbdrivers/reset_database.hpp"

#include "dbdrivers/driver.hpp"

namespace migsafe::dbdrivers {

void reset_database(const DatabaseUrl& scratch) { driver_for(scratch).reset(scratch); }

}  // namespace migsafe::dbdrivers
