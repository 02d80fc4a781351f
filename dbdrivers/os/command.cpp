#include "dbdrivers/os/command.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <initializer_list>

#include "dbdrivers/cleanup/reaper.hpp"
#include "dbdrivers/cleanup/signal_table.hpp"

extern char** environ;

namespace migsafe::dbdrivers::os {
namespace {

// migsafe's environment with the command's variables set over it, as "NAME=value".
std::vector<std::string> child_environment(const Command& command) {
  std::vector<std::string> entries;
  for (char** entry = environ; !command.env_only && *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const std::string name = text.substr(0, text.find('='));
    bool replaced = false;
    for (const auto& [key, value] : command.env) replaced = replaced || key == name;
    if (!replaced) entries.push_back(text);
  }
  for (const auto& [key, value] : command.env) entries.push_back(key + "=" + value);
  return entries;
}

// The program argv[0] names, looked up in the PATH the child gets (the command's env
// may set its own): execvpe searches migsafe's PATH instead.
std::string program_path(const Command& command) {
  const std::string& name = command.argv.front();
  std::string path_list;
  bool step_sets_path = false;
  for (const auto& [key, value] : command.env) {
    if (key == "PATH") {
      path_list = value;
      step_sets_path = true;
    }
  }
  if (!step_sets_path || name.find('/') != std::string::npos) return name;
  for (std::size_t start = 0; start <= path_list.size();) {
    const std::size_t end = std::min(path_list.find(':', start), path_list.size());
    const std::string folder = end == start ? "." : path_list.substr(start, end - start);
    const std::string candidate = folder + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return name;
}

// Stops the child's group: SIGTERM, a grace time for the child to exit (it is reaped
// here, its status kept), then SIGKILL to whatever of the group is left.
bool stop_group(pid_t group, int& status) {
  kill(-group, SIGTERM);
  bool reaped = false;
  for (int waited = 0; waited < 50 && !reaped; ++waited) {
    reaped = waitpid(group, &status, WNOHANG) == group;
    if (!reaped) usleep(100 * 1000);
  }
  kill(-group, SIGKILL);
  return reaped;
}

// Everything the child needs is prepared before fork: between fork and exec only
// async-signal-safe calls are allowed.
[[noreturn]] void exec_child(const Command& command, char* const* argv, char* const* envp,
                             int out_fd) {
  setsid();
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT}) signal(sig, SIG_DFL);
  int null_fd = open("/dev/null", O_RDONLY);
  if (null_fd >= 0) dup2(null_fd, STDIN_FILENO);
  dup2(out_fd, STDOUT_FILENO);
  dup2(out_fd, STDERR_FILENO);
  if (!command.cwd.empty() && chdir(command.cwd.c_str()) != 0) {
    dprintf(STDERR_FILENO, "cannot enter %s: %s\n", command.cwd.c_str(), strerror(errno));
    _exit(127);
  }
  if (command.run_as && !become(*command.run_as)) {
    dprintf(STDERR_FILENO, "cannot switch to user %s: %s\n", command.run_as->name.c_str(),
            strerror(errno));
    _exit(127);
  }
  execvpe(argv[0], argv, envp);
  dprintf(STDERR_FILENO, "cannot run %s: %s\n", argv[0], strerror(errno));
  _exit(127);
}

}  // namespace

CommandResult run_command(const Command& command, cleanup::Reaper* reaper) {
  std::vector<char*> argv;
  const std::string program = program_path(command);
  argv.push_back(const_cast<char*>(program.c_str()));
  for (std::size_t i = 1; i < command.argv.size(); ++i) {
    argv.push_back(const_cast<char*>(command.argv[i].c_str()));
  }
  argv.push_back(nullptr);
  const std::vector<std::string> environment = child_environment(command);
  std::vector<char*> envp;
  for (const auto& entry : environment) envp.push_back(const_cast<char*>(entry.c_str()));
  envp.push_back(nullptr);

  CommandResult result;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    result.exit_code = 127;
    result.output = std::string("cannot create a pipe: ") + strerror(errno);
    return result;
  }
  pid_t child = fork();
  if (child < 0) {
    close(fds[0]);
    close(fds[1]);
    result.exit_code = 127;
    result.output = std::string("cannot fork: ") + strerror(errno);
    return result;
  }
  if (child == 0) exec_child(command, argv.data(), envp.data(), fds[1]);
  close(fds[1]);
  if (command.foreground) cleanup::set_foreground_group(child);
  if (reaper != nullptr) reaper->track_group(child);
  if (command.on_start) command.on_start(child);

  using Clock = std::chrono::steady_clock;
  const auto deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(
                         std::chrono::duration<double>(command.timeout_seconds));
  char buffer[4096];
  int status = 0;
  bool reaped = false;
  for (;;) {
    if (command.timeout_seconds > 0) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                              Clock::now());
      pollfd readable{fds[0], POLLIN, 0};
      const auto wait = std::min<std::chrono::milliseconds::rep>(left.count(), 60 * 60 * 1000);
      const int ready = left.count() > 0 ? poll(&readable, 1, static_cast<int>(wait)) : 0;
      if (ready == 0 && left.count() > wait) continue;  // polled an hour of a longer wait
      if (ready == 0) {
        result.timed_out = true;
        reaped = stop_group(child, status);
        break;
      }
      if (ready < 0 && errno == EINTR) continue;
    }
    ssize_t n = read(fds[0], buffer, sizeof buffer);
    if (n > 0) {
      const std::string_view chunk(buffer, static_cast<std::size_t>(n));
      if (command.on_output) {
        command.on_output(chunk);
      } else {
        result.output.append(chunk);
      }
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  close(fds[0]);
  while (!reaped && waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (reaper != nullptr) reaper->untrack_group(child);
  if (command.foreground) cleanup::set_foreground_group(0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace migsafe::dbdrivers::os
