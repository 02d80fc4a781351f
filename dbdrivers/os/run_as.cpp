#include "dbdrivers/os/run_as.hpp"

#include <grp.h>
#include <pwd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dbdrivers/os/command.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers::os {
namespace {

constexpr const char* server_account = "postgres";

std::optional<RunAs> lookup(const char* name) {
  passwd* entry = getpwnam(name);
  if (entry == nullptr) return std::nullopt;
  RunAs user;
  user.name = name;
  user.uid = entry->pw_uid;
  user.gid = entry->pw_gid;
  int count = 32;
  user.groups.resize(static_cast<std::size_t>(count));
  while (getgrouplist(name, user.gid, user.groups.data(), &count) < 0) {
    user.groups.resize(static_cast<std::size_t>(count));
  }
  user.groups.resize(static_cast<std::size_t>(count));
  return user;
}

}  // namespace

std::optional<RunAs> server_user() {
  if (geteuid() != 0) return std::nullopt;
  if (auto user = lookup(server_account)) return user;
  // Same account Debian's postgresql packages create; no home, no login shell.
  Command add;
  add.argv = {"useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
              server_account};
  CommandResult result = run_command(add);
  if (auto user = lookup(server_account)) return user;
  throw model::EnvironmentError(
      "PostgreSQL refuses to run as root and the OS user 'postgres' could not be created: " +
          result.output,
      "create it (useradd --system postgres) or run migsafe as an unprivileged user");
}

bool reachable_by(const std::optional<RunAs>& user, const std::filesystem::path& path,
                  int mode) {
  if (!user) return access(path.c_str(), mode) == 0;
  // Ask the kernel as that user: it knows modes, ACLs and every folder on the way.
  pid_t child = fork();
  if (child < 0) return false;
  if (child == 0) _exit(become(*user) && access(path.c_str(), mode) == 0 ? 0 : 1);
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return false;
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

bool become(const RunAs& user) noexcept {
  return setgroups(user.groups.size(), user.groups.data()) == 0 && setgid(user.gid) == 0 &&
         setuid(user.uid) == 0;
}

}  // namespace migsafe::dbdrivers::os
