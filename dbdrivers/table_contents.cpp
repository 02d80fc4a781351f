#include "dbdrivers/table_contents.hpp"

#include "dbdrivers/driver.hpp"

namespace migsafe::dbdrivers {

ContentsByTable read_table_contents(const DatabaseUrl& url) {
  return driver_for(url).read_table_contents(url);
}

}  // namespace migsafe::dbdrivers
