#include "dbdrivers/postgres/template_cluster.hpp"

#include <unistd.h>

#include <fstream>

#include "dbdrivers/cleanup/reaper.hpp"
#include "dbdrivers/os/command.hpp"
#include "dbdrivers/os/file_lock.hpp"
#include "dbdrivers/postgres/cache_key.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers::postgres {
namespace {

namespace fs = std::filesystem;

// Bump when the initdb options or settings below change: old templates are then ignored.
constexpr const char* template_format = "t1";

// Durability off: a scratch cluster is thrown away, and this makes migrations faster.
constexpr const char* scratch_settings =
    "\n# migsafe scratch cluster: the data is thrown away, durability is off\n"
    "listen_addresses = '127.0.0.1'\n"
    "fsync = off\n"
    "synchronous_commit = off\n"
    "full_page_writes = off\n";

std::string tail(const std::string& text, std::size_t max_lines) {
  std::size_t at = text.size();
  for (std::size_t lines = 0; at > 0 && lines <= max_lines;) {
    at = text.rfind('\n', at - 1);
    if (at == std::string::npos) return text;
    ++lines;
  }
  return text.substr(at + 1);
}

fs::path build_template(const Binaries& binaries, const std::optional<os::RunAs>& user,
                        const fs::path& staging, cleanup::Reaper* reaper) {
  std::error_code ec;
  fs::create_directory(staging, ec);
  if (ec || (user && chown(staging.c_str(), user->uid, user->gid) != 0)) {
    throw model::EnvironmentError("cannot create " + staging.string(),
                                  "set MIGSAFE_CACHE_DIR to a writable local folder");
  }
  fs::path data = staging / "data";
  os::Command initdb;
  initdb.argv = {(binaries.bin / "initdb").string(), "-D", data.string(), "-U", "postgres",
                 "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"};
  // 1 MB WAL segments (PostgreSQL 11+): a smaller template to copy.
  if (binaries.major >= 11) initdb.argv.push_back("--wal-segsize=1");
  initdb.run_as = user;
  initdb.cwd = staging;
  auto result = os::run_command(initdb, reaper);
  if (!result.ok()) {
    throw model::EnvironmentError(
        "initdb of PostgreSQL " + binaries.version + " (" + binaries.bin.string() + ") failed:\n" +
            tail(result.output, 15),
        "check the message above; MIGSAFE_PG_BIN picks other binaries");
  }
  std::ofstream conf(data / "postgresql.conf", std::ios::app);
  conf << scratch_settings;
  if (!conf) {
    throw model::EnvironmentError("cannot write " + (data / "postgresql.conf").string(),
                                  "set MIGSAFE_CACHE_DIR to a writable local folder");
  }
  return data;
}

}  // namespace

TemplateCluster ensure_template(const Binaries& binaries, const std::optional<os::RunAs>& user,
                                const fs::path& cache, cleanup::Reaper* reaper) {
  std::string key = std::string("template-") + template_format + "-pg" + binaries.version + "-" +
                    path_hash(fs::absolute(binaries.bin)) + (user ? "-" + user->name : "");
  TemplateCluster result;
  result.data_dir = cache / key / "data";
  auto ready = [&] { return fs::exists(result.data_dir / "PG_VERSION"); };
  if (ready()) return result;

  os::FileLock lock(cache / (key + ".lock"));
  if (ready()) return result;  // another process built it while we waited
  auto started = std::chrono::steady_clock::now();
  fs::path staging = cache / (key + ".tmp-" + std::to_string(getpid()));
  std::error_code ec;
  fs::remove_all(staging, ec);
  if (reaper != nullptr) reaper->remove_folder(staging);
  build_template(binaries, user, staging, reaper);
  fs::remove_all(cache / key, ec);  // an incomplete entry left by hand, if any
  fs::rename(staging, cache / key, ec);
  if (ec) {
    throw model::EnvironmentError("cannot move the template cluster into " +
                                      (cache / key).string() + ": " + ec.message(),
                                  "remove " + (cache / key).string() + " and run again");
  }
  result.created = true;
  result.creation_time = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  return result;
}

}  // namespace migsafe::dbdrivers::postgres
