#include "dbdrivers/row_counts.hpp"

#include "dbdrivers/driver.hpp"

namespace migsafe::dbdrivers {

std::map<std::string, long long> count_rows(const DatabaseUrl& url) {
  return driver_for(url).count_rows(url);
}

}  // namespace migsafe::dbdrivers
