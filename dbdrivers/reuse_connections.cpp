#include "dbdrivers/reuse_connections.hpp"

#include "dbdrivers/driver.hpp"

namespace migsafe::dbdrivers {

ReuseConnections::ReuseConnections(DatabaseUrl url) : url_(std::move(url)) {
  driver_for(url_).reuse_connections(url_, true);
}

void ReuseConnections::connect_now() const { driver_for(url_).connect_now(url_); }

namespace {
thread_local bool no_connecting = false;
}  // namespace

NoConnecting::NoConnecting() : previous_(no_connecting) { no_connecting = true; }
NoConnecting::~NoConnecting() { no_connecting = previous_; }
bool NoConnecting::allowed() { return !no_connecting; }

ReuseConnections::~ReuseConnections() { driver_for(url_).reuse_connections(url_, false); }

}  // namespace migsafe::dbdrivers
