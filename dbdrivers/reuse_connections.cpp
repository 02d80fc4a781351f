#include "dbdrivers/reuse_connections.hpp"

#include "dbdrivers/driver.hpp"

namespace migsafe::dbdrivers {

ReuseConnections::ReuseConnections(DatabaseUrl url) : url_(std::move(url)) {
  driver_for(url_).reuse_connections(url_, true);
}

ReuseConnections::~ReuseConnections() { driver_for(url_).reuse_connections(url_, false); }

}  // namespace migsafe::dbdrivers
