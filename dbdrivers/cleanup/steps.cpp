#include "dbdrivers/cleanup/steps.hpp"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <thread>

#include "dbdrivers/database_url.hpp"
#include "dbdrivers/os/command.hpp"
#include "dbdrivers/postgres/drop_database.hpp"

namespace migsafe::dbdrivers::cleanup {
namespace {

void warn(const std::string& text) { std::cerr << "migsafe: clean-up: " << text << std::endl; }

bool wait_gone(pid_t pid, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (process_alive(pid)) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

// A postmaster.pid may be stale and its pid reused: only signal the process whose
// working folder is that data dir (a postmaster chdirs into it).
bool owns_data_dir(pid_t pid, const std::filesystem::path& data_dir) {
  std::error_code ec;
  auto cwd = std::filesystem::read_symlink("/proc/" + std::to_string(pid) + "/cwd", ec);
  if (!ec) return cwd == std::filesystem::weakly_canonical(data_dir, ec);
  std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
  std::string name;
  return std::getline(comm, name) && name.rfind("postgres", 0) == 0;
}

}  // namespace

bool process_alive(pid_t pid) noexcept {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!std::getline(stat, text)) return false;
  auto paren = text.rfind(')');
  if (paren == std::string::npos || paren + 2 >= text.size()) return kill(pid, 0) == 0;
  char state = text[paren + 2];
  return state != 'Z' && state != 'X';
}

bool remove_folder(const std::filesystem::path& folder) noexcept {
  std::error_code ec;
  std::filesystem::remove_all(folder, ec);
  if (ec) warn("cannot remove " + folder.string() + ": " + ec.message() + "; remove it by hand");
  return !ec;
}

bool stop_postmaster(const std::filesystem::path& data_dir) noexcept {
  try {
    std::ifstream pid_file(data_dir / "postmaster.pid");
    long pid_number = 0;
    if (!(pid_file >> pid_number) || pid_number <= 1) return true;
    auto pid = static_cast<pid_t>(pid_number);
    if (!process_alive(pid) || !owns_data_dir(pid, data_dir)) return true;
    // SIGQUIT is PostgreSQL's immediate shutdown: no checkpoint, the data is thrown away.
    kill(pid, SIGQUIT);
    if (wait_gone(pid, std::chrono::seconds(5))) return true;
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
    if (wait_gone(pid, std::chrono::seconds(5))) return true;
    warn("postgres process " + std::to_string(pid) + " did not stop; kill it by hand");
    return false;
  } catch (const std::exception& e) {
    warn(std::string("cannot stop the server of ") + data_dir.string() + ": " + e.what());
    return false;
  }
}

bool drop_database(const std::string& libpq_uri, const std::string& name) noexcept {
  try {
    std::string error = postgres::drop_scratch_database(libpq_uri, name);
    if (error.empty()) return true;
    warn("cannot drop the scratch database " + name + ": " + mask_passwords(error) +
         "; drop it by hand: DROP DATABASE \"" + name + "\"");
  } catch (...) {
  }
  return false;
}

bool compose_down(const std::filesystem::path& compose_file) noexcept {
  try {
    os::Command down;
    down.argv = {"docker", "compose", "-f", compose_file.string(), "down", "--volumes"};
    auto result = os::run_command(down);
    if (result.ok()) return true;
    warn("docker compose down failed: " + result.output + "; run: docker compose -f " +
         compose_file.string() + " down");
  } catch (...) {
  }
  return false;
}

}  // namespace migsafe::dbdrivers::cleanup
