#include "dbdrivers/os/command.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <initializer_list>

#include "dbdrivers/cleanup/reaper.hpp"
#include "dbdrivers/cleanup/signal_table.hpp"

namespace migsafe::dbdrivers::os {
namespace {

// Everything the child needs is prepared before fork: between fork and exec only
// async-signal-safe calls are allowed.
[[noreturn]] void exec_child(const Command& command, char* const* argv, int out_fd) {
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
  execvp(argv[0], argv);
  dprintf(STDERR_FILENO, "cannot run %s: %s\n", argv[0], strerror(errno));
  _exit(127);
}

}  // namespace

CommandResult run_command(const Command& command, cleanup::Reaper* reaper) {
  std::vector<char*> argv;
  for (const auto& arg : command.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);

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
  if (child == 0) exec_child(command, argv.data(), fds[1]);
  close(fds[1]);
  cleanup::set_foreground_group(child);
  if (reaper != nullptr) reaper->track_group(child);

  char buffer[4096];
  for (;;) {
    ssize_t n = read(fds[0], buffer, sizeof buffer);
    if (n > 0) {
      result.output.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (reaper != nullptr) reaper->untrack_group(child);
  cleanup::set_foreground_group(0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace migsafe::dbdrivers::os
