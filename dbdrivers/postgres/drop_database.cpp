#include "dbdrivers/postgres/drop_database.hpp"

#include <chrono>
#include <pqxx/pqxx>
#include <thread>

namespace migsafe::dbdrivers::postgres {

std::string drop_scratch_database(const std::string& admin_uri, const std::string& name) noexcept {
  std::string error;
  for (int attempt = 0; attempt < 5; ++attempt) {
    try {
      pqxx::connection connection{admin_uri};
      pqxx::nontransaction tx{connection};
      std::string quoted = tx.quote_name(name);
      if (connection.server_version() >= 130000) {
        tx.exec("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
      } else {
        // Older servers: disconnect the sessions, then drop; a client may reconnect in
        // between, hence the retries.
        tx.exec_params(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = $1 AND pid <> pg_backend_pid()",
            name);
        tx.exec("DROP DATABASE IF EXISTS " + quoted);
      }
      return {};
    } catch (const std::exception& e) {
      error = e.what();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return error.empty() ? "unknown error" : error;
}

}  // namespace migsafe::dbdrivers::postgres
