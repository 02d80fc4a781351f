#include "dbdrivers/cleanup/reaper.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <initializer_list>

#include "dbdrivers/cleanup/reaper_main.hpp"
#include "dbdrivers/cleanup/signal_table.hpp"
#include "dbdrivers/cleanup/step_codec.hpp"
#include "model/error.hpp"

namespace migsafe::dbdrivers::cleanup {
namespace {

constexpr int reaper_channel_fd = 3;

// Runs in the forked child: detach from the terminal and from every descriptor of the
// parent (another reaper's channel held open here would keep that reaper waiting).
[[noreturn]] void become_reaper(int channel) {
  setsid();
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU}) {
    signal(sig, SIG_IGN);
  }
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  if (channel != reaper_channel_fd) {
    dup2(channel, reaper_channel_fd);
    close(channel);
  }
  fcntl(reaper_channel_fd, F_SETFD, FD_CLOEXEC);
  // stderr stays open for clean-up warnings; stdin/stdout go to /dev/null so a pipe
  // reading migsafe's output sees end-of-file when migsafe exits.
  int null_fd = open("/dev/null", O_RDWR);
  if (null_fd >= 0) {
    dup2(null_fd, STDIN_FILENO);
    dup2(null_fd, STDOUT_FILENO);
  }
  if (close_range(reaper_channel_fd + 1, ~0U, 0) != 0) {
    for (int fd = reaper_channel_fd + 1; fd < 65536; ++fd) close(fd);
  }
  _exit(reaper_main(reaper_channel_fd));
}

}  // namespace

Reaper::Reaper() {
  int pair[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
    throw model::EnvironmentError(std::string("cannot create the clean-up channel: ") +
                                      strerror(errno),
                                  "raise the open-file limit (ulimit -n)");
  }
  // Block interrupts across fork so the child never runs migsafe's handler.
  sigset_t block;
  sigset_t old;
  sigemptyset(&block);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&block, sig);
  pthread_sigmask(SIG_BLOCK, &block, &old);
  pid_t child = fork();
  if (child == 0) {
    close(pair[0]);
    become_reaper(pair[1]);
  }
  close(pair[1]);
  if (child < 0) {
    std::string reason = strerror(errno);
    close(pair[0]);
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    throw model::EnvironmentError("cannot start the clean-up process: " + reason,
                                  "raise the process limit (ulimit -u)");
  }
  channel_ = pair[0];
  pid_ = child;
  slot_ = add_reaper(channel_, pid_);
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
}

Reaper::~Reaper() { finish(); }

void Reaper::finish() noexcept {
  if (pid_ <= 0) return;
  close_reaper_channel(slot_, channel_);
  channel_ = -1;
  while (waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
  }
  remove_reaper(slot_);
  pid_ = 0;
}

bool Reaper::send(const std::string& line) noexcept {
  if (channel_ < 0) return false;
  std::size_t done = 0;
  while (done < line.size()) {
    ssize_t n = ::send(channel_, line.data() + done, line.size() - done, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

void Reaper::must_send(const std::string& line) {
  if (!send(line)) {
    throw model::EnvironmentError("the clean-up process of this scratch database has died",
                                  "run migsafe again; report a bug if it happens again");
  }
}

void Reaper::remove_folder(const std::filesystem::path& folder) {
  must_send(encode_step({StepKind::remove_folder, {folder.string()}}));
}

void Reaper::stop_postmaster(const std::filesystem::path& data_dir) {
  must_send(encode_step({StepKind::stop_postmaster, {data_dir.string()}}));
}

void Reaper::drop_database(const std::string& libpq_uri, const std::string& name) {
  must_send(encode_step({StepKind::drop_database, {libpq_uri, name}}));
}

void Reaper::compose_down(const std::filesystem::path& compose_file) {
  must_send(encode_step({StepKind::compose_down, {compose_file.string()}}));
}

void Reaper::track_group(pid_t group) noexcept {
  try {
    send(encode_step({StepKind::track_group, {std::to_string(group)}}));
  } catch (...) {
  }
}

void Reaper::untrack_group(pid_t group) noexcept {
  try {
    send(encode_step({StepKind::untrack_group, {std::to_string(group)}}));
  } catch (...) {
  }
}

}  // namespace migsafe::dbdrivers::cleanup
