#include "dbdrivers/postgres/reading_connection.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "dbdrivers/postgres/connection_error.hpp"
#include "dbdrivers/reuse_connections.hpp"

namespace migsafe::dbdrivers::postgres {
namespace {

struct Kept {
  int keepers = 0;
  std::unique_ptr<pqxx::connection> connection;
  std::shared_ptr<const ReflectMemory> reflection;
};

std::mutex& kept_mutex() {
  static std::mutex mutex;
  return mutex;
}

std::map<std::string, Kept>& kept() {
  static std::map<std::string, Kept> connections;
  return connections;
}

std::unique_ptr<pqxx::connection> open_reading(const DatabaseUrl& url) {
  if (!NoConnecting::allowed()) {
    throw ConnectionNeeded("a read of " + url.display() + " needs a new connection");
  }
  auto connection = std::make_unique<pqxx::connection>(with_connect_timeout(url).libpq_uri());
  // Belt and braces: even a statement we did not write cannot write.
  pqxx::nontransaction session{*connection};
  session.exec("SET default_transaction_read_only = on");
  return connection;
}

}  // namespace

void with_reading_connection(const DatabaseUrl& url,
                             const std::function<void(pqxx::connection&)>& read) {
  std::unique_lock<std::mutex> lock(kept_mutex());
  auto it = kept().find(url.libpq_uri());
  if (it == kept().end()) {
    lock.unlock();
    auto connection = open_reading(url);
    read(*connection);
    return;
  }
  std::unique_ptr<pqxx::connection>& connection = it->second.connection;
  if (connection && connection->is_open()) {
    try {
      read(*connection);
      return;
    } catch (const pqxx::broken_connection&) {
      // Closed by the server since the last read: open it again below.
    }
  }
  connection.reset();
  connection = open_reading(url);
  read(*connection);
}

void keep_reading_connection(const DatabaseUrl& url, bool keep) {
  std::lock_guard<std::mutex> lock(kept_mutex());
  const std::string key = url.libpq_uri();
  if (keep) {
    ++kept()[key].keepers;
    return;
  }
  auto it = kept().find(key);
  if (it != kept().end() && --it->second.keepers <= 0) kept().erase(it);
}

void open_reading_connection_now(const DatabaseUrl& url) {
  // A query, not is_open(): a connection the server closed only shows it when used.
  with_reading_connection(url, [](pqxx::connection& connection) {
    pqxx::nontransaction{connection}.exec("SELECT 1");
  });
}

void close_reading_connection(const DatabaseUrl& url) {
  std::lock_guard<std::mutex> lock(kept_mutex());
  auto it = kept().find(url.libpq_uri());
  if (it == kept().end()) return;
  it->second.connection.reset();
  it->second.reflection.reset();
}

bool reading_connection_kept(const DatabaseUrl& url) {
  std::lock_guard<std::mutex> lock(kept_mutex());
  return kept().count(url.libpq_uri()) > 0;
}

std::shared_ptr<const ReflectMemory> reflect_memory(const DatabaseUrl& url) {
  std::lock_guard<std::mutex> lock(kept_mutex());
  auto it = kept().find(url.libpq_uri());
  return it == kept().end() ? nullptr : it->second.reflection;
}

void keep_reflect_memory(const DatabaseUrl& url, std::shared_ptr<const ReflectMemory> memory) {
  std::lock_guard<std::mutex> lock(kept_mutex());
  auto it = kept().find(url.libpq_uri());
  if (it != kept().end()) it->second.reflection = std::move(memory);
}

}  // namespace migsafe::dbdrivers::postgres
