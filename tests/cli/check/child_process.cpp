#include "tests/cli/check/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <stdexcept>

namespace migsafe::testing {

ChildProcess::ChildProcess(const std::vector<std::string>& argv) {
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  out_fd_ = out_pipe[0];
  err_fd_ = err_pipe[0];
}

ChildProcess::~ChildProcess() {
  if (exit_code_ < 0 && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (out_fd_ >= 0) ::close(out_fd_);
  if (err_fd_ >= 0) ::close(err_fd_);
}

void ChildProcess::drain() {
  pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
  if (::poll(fds, 2, 100) <= 0) return;
  for (int i = 0; i < 2; ++i) {
    if (!(fds[i].revents & POLLIN)) continue;
    char buffer[65536];
    const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
    if (n > 0) (i == 0 ? out_ : err_).append(buffer, static_cast<std::size_t>(n));
  }
}

bool ChildProcess::wait_for_stderr(const std::string& text, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (err_.find(text) == std::string::npos) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    drain();
  }
  return true;
}

void ChildProcess::signal(int number) { ::kill(pid_, number); }

int ChildProcess::wait() {
  // Poll rather than read to EOF: a process the child left behind (the very thing
  // some tests look for) could hold the pipes open forever.
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) drain();
  for (std::size_t seen = SIZE_MAX; seen != out_.size() + err_.size();) {
    seen = out_.size() + err_.size();
    drain();
  }
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return exit_code_;
}

RunResult run(const std::vector<std::string>& argv) {
  ChildProcess child(argv);
  const int code = child.wait();
  return {code, child.out(), child.err()};
}

}  // namespace migsafe::testing
