#pragma once

#include <functional>
#include <memory>
#include <pqxx/pqxx>

#include "dbdrivers/database_url.hpp"

namespace migsafe::dbdrivers::postgres {

struct ReflectMemory;  // reflect_memory.hpp

// Runs `read` on a connection to `url` whose session is read-only
// (default_transaction_read_only): a new one for this call, or the one kept for `url`
// while reuse is on (dbdrivers/reuse_connections.hpp). Reflection, row counts and the
// version table are read many times per `check`; a connection each time was a server
// backend started and torn down per read, a third of the time of a long history.
// A kept connection the server closed meanwhile (the scratch database was dropped and
// made again) is opened again once.
void with_reading_connection(const DatabaseUrl& url,
                             const std::function<void(pqxx::connection&)>& read);

// Reuse on or off for `url`; off closes the kept connection.
void keep_reading_connection(const DatabaseUrl& url, bool keep);

// Opens the kept connection to `url` now, on the calling thread, unless one is open and
// answers (reuse must be on). See ReuseConnections::connect_now().
void open_reading_connection_now(const DatabaseUrl& url);

// Closes the kept connection to `url` (reuse stays on), before its database is dropped.
void close_reading_connection(const DatabaseUrl& url);

// What the last reflection through the connection kept for `url` read
// (reflect_memory.hpp): null when reuse is off or nothing was reflected yet. A one-off
// read has nothing to compare with, so nothing is remembered without reuse.
bool reading_connection_kept(const DatabaseUrl& url);
std::shared_ptr<const ReflectMemory> reflect_memory(const DatabaseUrl& url);
void keep_reflect_memory(const DatabaseUrl& url, std::shared_ptr<const ReflectMemory> memory);

}  // namespace migsafe::dbdrivers::postgres
