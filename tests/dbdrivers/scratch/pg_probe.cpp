#include "tests/dbdrivers/scratch/pg_probe.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <pqxx/pqxx>

#include "dbdrivers/cleanup/steps.hpp"

namespace migsafe::tests {

pid_t postmaster_pid(const std::filesystem::path& folder) {
  std::ifstream in(folder / "data" / "postmaster.pid");
  long pid = 0;
  in >> pid;
  return static_cast<pid_t>(pid);
}

bool process_running(pid_t pid) { return pid > 0 && dbdrivers::cleanup::process_alive(pid); }

bool database_exists(const dbdrivers::DatabaseUrl& server, const std::string& name) {
  pqxx::connection connection{server.libpq_uri()};
  pqxx::nontransaction tx{connection};
  return !tx.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", name).empty();
}

int closed_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  close(fd);
  return ntohs(address.sin_port);
}

}  // namespace migsafe::tests
