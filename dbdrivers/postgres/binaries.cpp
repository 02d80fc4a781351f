#include "dbdrivers/postgres/binaries.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <regex>
#include <vector>

#include "dbdrivers/cleanup/reaper.hpp"
#include "dbdrivers/os/command.hpp"
#include "dbdrivers/os/file_lock.hpp"
#include "dbdrivers/postgres/cache_key.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers::postgres {
namespace {

namespace fs = std::filesystem;

#ifndef MIGSAFE_BUNDLED_PG_BIN
#define MIGSAFE_BUNDLED_PG_BIN ""
#endif

const std::string install_fix =
    "run scripts/setup.sh (it installs PostgreSQL 17 into .deps/), or set MIGSAFE_PG_BIN to a "
    "folder holding initdb, pg_ctl and postgres";

bool complete(const fs::path& bin) {
  for (const char* name : {"initdb", "pg_ctl", "postgres"}) {
    if (access((bin / name).c_str(), X_OK) != 0) return false;
  }
  return true;
}

Binaries explicit_folder(const fs::path& bin, const std::string& origin) {
  if (!complete(bin)) {
    throw model::EnvironmentError(
        origin + " (" + bin.string() + ") does not hold initdb, pg_ctl and postgres",
        "point it at the bin folder of a PostgreSQL server installation, or unset it");
  }
  return inspect_binaries(bin);
}

// /usr/lib/postgresql/<version>/bin, newest version first.
std::vector<fs::path> distribution_folders() {
  std::vector<std::pair<double, fs::path>> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    char* end = nullptr;
    std::string name = entry.path().filename().string();
    double version = std::strtod(name.c_str(), &end);
    if (end != name.c_str()) found.emplace_back(version, entry.path() / "bin");
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<fs::path> folders;
  for (const auto& [version, folder] : found) folders.push_back(folder);
  return folders;
}

}  // namespace

Binaries inspect_binaries(const fs::path& bin) {
  os::Command version;
  version.argv = {(bin / "postgres").string(), "--version"};
  auto result = os::run_command(version);
  static const std::regex pattern(R"(\(PostgreSQL\)\s+(\d+)(\.\d+)?)");
  std::smatch m;
  if (!result.ok() || !std::regex_search(result.output, m, pattern)) {
    throw model::EnvironmentError(
        (bin / "postgres").string() + " --version failed: " + result.output, install_fix);
  }
  Binaries binaries;
  binaries.bin = bin;
  binaries.version = m[1].str() + m[2].str();
  binaries.major = std::stoi(m[1].str());
  return binaries;
}

Binaries find_binaries(const fs::path& requested) {
  if (!requested.empty()) return explicit_folder(requested, "the PostgreSQL bin folder asked for");
  if (const char* env = std::getenv("MIGSAFE_PG_BIN"); env != nullptr && *env != '\0') {
    return explicit_folder(env, "MIGSAFE_PG_BIN");
  }
  std::vector<fs::path> candidates;
  if (*MIGSAFE_BUNDLED_PG_BIN != '\0') candidates.emplace_back(MIGSAFE_BUNDLED_PG_BIN);
  if (const char* path = std::getenv("PATH"); path != nullptr) {
    std::string text = path;
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find(':', start);
      if (end == std::string::npos) end = text.size();
      if (end > start) candidates.emplace_back(text.substr(start, end - start));
      start = end + 1;
    }
  }
  for (const auto& folder : distribution_folders()) candidates.push_back(folder);
  for (const auto& folder : candidates) {
    if (complete(folder)) return inspect_binaries(folder);
  }
  throw model::EnvironmentError(
      "no PostgreSQL server binaries found (looked in the set-up's folder " +
          std::string(MIGSAFE_BUNDLED_PG_BIN) + ", $PATH and /usr/lib/postgresql/*/bin)",
      install_fix);
}

Binaries reachable_binaries(const Binaries& binaries, const std::optional<os::RunAs>& user,
                            const fs::path& cache, cleanup::Reaper* reaper) {
  if (!user || os::reachable_by(user, binaries.bin / "postgres", X_OK)) return binaries;
  fs::path package = binaries.bin.parent_path();
  if (!fs::is_directory(package / "lib") || !fs::is_directory(package / "share")) {
    throw model::EnvironmentError(
        "the OS user " + user->name + " cannot run the PostgreSQL binaries in " +
            binaries.bin.string() + " (a parent folder is private)",
        "install them in a world-readable folder and set MIGSAFE_PG_BIN, or run scripts/setup.sh "
        "from a checkout outside /root");
  }
  std::string key = "pg-native-" + binaries.version + "-" + path_hash(fs::absolute(package));
  fs::path copy = cache / key;
  Binaries result = binaries;
  result.bin = copy / "bin";
  os::FileLock lock(cache / (key + ".lock"));
  if (complete(result.bin)) return result;
  // Staged next to its final name (under the lock) so the rename is atomic.
  fs::path staging = cache / (key + ".tmp-" + std::to_string(getpid()));
  std::error_code ec;
  if (reaper != nullptr) reaper->remove_folder(staging);
  fs::remove_all(staging, ec);
  os::Command copy_command;
  copy_command.argv = {"cp", "-a", package.string(), staging.string()};
  auto copied = os::run_command(copy_command, reaper);
  os::Command open_command;
  open_command.argv = {"chmod", "-R", "go+rX", staging.string()};
  auto opened = copied.ok() ? os::run_command(open_command, reaper) : copied;
  if (!opened.ok()) {
    fs::remove_all(staging, ec);
    throw model::EnvironmentError("cannot copy " + package.string() + " to " + copy.string() +
                                      ": " + opened.output,
                                  "free disk space or set MIGSAFE_CACHE_DIR to a writable folder");
  }
  fs::rename(staging, copy, ec);
  if (ec) {
    throw model::EnvironmentError("cannot move the PostgreSQL copy into " + copy.string() + ": " +
                                      ec.message(),
                                  "remove " + copy.string() + " and run again");
  }
  return result;
}

}  // namespace migsafe::dbdrivers::postgres
