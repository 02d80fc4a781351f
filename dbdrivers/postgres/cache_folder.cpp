#include "dbdrivers/postgres/cache_folder.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include "dbdrivers/os/temp_folder.hpp"

namespace migsafe::dbdrivers::postgres {
namespace {

std::filesystem::path preferred_folder() {
  auto env = [](const char* name) -> std::string {
    const char* value = std::getenv(name);
    return value == nullptr ? "" : value;
  };
  if (auto dir = env("MIGSAFE_CACHE_DIR"); !dir.empty()) return dir;
  if (auto dir = env("XDG_CACHE_HOME"); !dir.empty()) return std::filesystem::path(dir) / "migsafe";
  if (auto home = env("HOME"); !home.empty()) {
    return std::filesystem::path(home) / ".cache" / "migsafe";
  }
  return "/var/cache/migsafe";
}

}  // namespace

std::filesystem::path cache_folder(const std::optional<os::RunAs>& server_user) {
  std::filesystem::path folder = preferred_folder();
  os::make_folders(folder);
  if (server_user && !os::reachable_by(server_user, folder, X_OK)) {
    folder = "/var/cache/migsafe";
    os::make_folders(folder);
  }
  if (server_user) chmod(folder.c_str(), 0755);  // the server user reads templates here
  return folder;
}

}  // namespace migsafe::dbdrivers::postgres
