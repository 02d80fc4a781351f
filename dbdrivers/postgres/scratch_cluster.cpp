#include "dbdrivers/postgres/scratch_cluster.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "dbdrivers/cleanup/leftovers.hpp"
#include "dbdrivers/cleanup/steps.hpp"
#include "dbdrivers/os/command.hpp"
#include "dbdrivers/os/temp_folder.hpp"
#include "dbdrivers/postgres/cache_folder.hpp"
#include "dbdrivers/postgres/driver.hpp"
#include "dbdrivers/postgres/template_cluster.hpp"
#include "dbdrivers/scratch_handle.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers::postgres {
namespace {

namespace fs = std::filesystem;

constexpr int start_attempts = 5;

// The kernel picks a free port; another process may take it before postgres binds it,
// which the caller detects in the log and retries.
int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t size = sizeof address;
  bool ok = fd >= 0 && bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
            getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0;
  if (fd >= 0) close(fd);
  if (!ok) {
    throw model::EnvironmentError("cannot find a free TCP port on 127.0.0.1",
                                  "check that the loopback interface is up");
  }
  return ntohs(address.sin_port);
}

std::string quoted_setting(const std::string& value) {
  std::string out = "'";
  for (char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// The first line of postmaster.pid; 0 when unreadable.
pid_t postmaster_pid(const fs::path& data) {
  std::ifstream pid_file(data / "postmaster.pid");
  long pid = 0;
  pid_file >> pid;
  return static_cast<pid_t>(pid);
}

std::string read_tail(const fs::path& log, std::size_t max_lines) {
  std::ifstream in(log);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::ostringstream out;
  std::size_t first = lines.size() > max_lines ? lines.size() - max_lines : 0;
  for (std::size_t i = first; i < lines.size(); ++i) out << "  " << lines[i] << "\n";
  return out.str();
}

bool port_clash(const std::string& log_tail) {
  for (const char* sign :
       {"could not bind", "Address already in use", "could not create any TCP/IP sockets"}) {
    if (log_tail.find(sign) != std::string::npos) return true;
  }
  return false;
}

// cp -a keeps the template's owner, which is the server user unless that user changed.
void hand_over(const fs::path& data, const std::optional<os::RunAs>& user) {
  struct stat info {};
  if (!user || (stat(data.c_str(), &info) == 0 && info.st_uid == user->uid)) return;
  std::error_code ec;
  lchown(data.c_str(), user->uid, user->gid);
  for (auto it = fs::recursive_directory_iterator(data, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    lchown(it->path().c_str(), user->uid, user->gid);
  }
}

void copy_template(const fs::path& from, const fs::path& to, const std::optional<os::RunAs>& user,
                   cleanup::Reaper& reaper) {
  os::Command copy;
  copy.argv = {"cp", "-a", "--reflink=auto", from.string(), to.string()};
  auto result = os::run_command(copy, &reaper);
  if (!result.ok()) {
    throw model::EnvironmentError(
        "cannot copy the template cluster " + from.string() + ": " + result.output,
        "free disk space in " + to.parent_path().parent_path().string() + " or set TMPDIR");
  }
  hand_over(to, user);
}

// Starts the server; returns its port. Retries on a port taken between pick and bind.
int start_server(const Binaries& binaries, const std::optional<os::RunAs>& user,
                 const fs::path& folder, const fs::path& data, cleanup::Reaper& reaper) {
  fs::path log = folder / "server.log";
  for (int attempt = 1;; ++attempt) {
    int port = free_port();
    {
      std::ofstream conf(data / "postgresql.conf", std::ios::app);
      conf << "port = " << port << "\nunix_socket_directories = " << quoted_setting(folder.string())
           << "\n";
    }
    os::Command start;
    start.argv = {(binaries.bin / "pg_ctl").string(),
                  "-D",
                  data.string(),
                  "-l",
                  log.string(),
                  "-w",
                  "-t",
                  "60",
                  "-s",
                  "start"};
    start.run_as = user;
    start.cwd = folder;
    auto result = os::run_command(start, &reaper);
    if (result.ok()) return port;
    std::string log_tail = read_tail(log, 15);
    cleanup::stop_postmaster(data);
    if (attempt < start_attempts && port_clash(log_tail)) continue;
    while (!result.output.empty() && result.output.back() == '\n') result.output.pop_back();
    throw model::EnvironmentError(
        "PostgreSQL " + binaries.version + " (" + binaries.bin.string() +
            ") did not start: " + result.output + "\n" +
            (log_tail.empty() ? "the server log is empty" : "end of the server log:\n" + log_tail),
        "check the server log above; MIGSAFE_PG_BIN picks other binaries");
  }
}

}  // namespace

std::unique_ptr<ScratchDatabase> create_scratch_cluster(const fs::path& pg_bin) {
  // The reaper comes first: from here on, whatever is made is also unmade.
  auto reaper = std::make_unique<cleanup::Reaper>();
  auto user = os::server_user();
  std::vector<std::string> leftovers = cleanup::sweep_scratch_folders(os::scratch_base(user));
  Binaries binaries = find_binaries(pg_bin);
  fs::path cache = cache_folder(user);
  binaries = reachable_binaries(binaries, user, cache, reaper.get());
  TemplateCluster cluster = ensure_template(binaries, user, cache, reaper.get());

  fs::path folder = os::make_temp_folder(cleanup::cluster_folder_prefix, user);
  reaper->remove_folder(folder);
  fs::path data = folder / "data";
  copy_template(cluster.data_dir, data, user, *reaper);
  reaper->stop_postmaster(data);
  int port = start_server(binaries, user, folder, data, *reaper);

  DatabaseUrl url;
  url.scheme = "postgresql";
  url.driver = "psycopg2";
  url.user = "postgres";
  url.host = "127.0.0.1";
  url.port = port;
  url.database = "postgres";
  std::string version = PostgresDriver().server_version(url);
  auto handle = std::make_unique<ScratchHandle>(url, "scratch-cluster", version, folder,
                                                std::move(reaper));
  handle->add_notes(std::move(leftovers));
  handle->probe_with([postmaster = postmaster_pid(data), log = folder / "server.log",
                      version = binaries.version]() -> std::optional<std::string> {
    if (postmaster <= 0 || cleanup::process_alive(postmaster)) return std::nullopt;
    const std::string tail = read_tail(log, 10);
    return "the scratch PostgreSQL " + version + " server migsafe started (pid " +
           std::to_string(postmaster) + ") stopped while migsafe used it" +
           (tail.empty() ? "" : "; end of its log:\n" + tail);
  });
  return handle;
}

}  // namespace migsafe::dbdrivers::postgres
