#include "tests/dbdrivers/scratch/held_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace migsafe::tests {

HeldProcess::HeldProcess(const std::string& db, const Options& options) {
  char path[] = "/tmp/hold_scratch_stderr_XXXXXX";
  int err_fd = mkstemp(path);
  stderr_path_ = path;
  int out[2];
  if (err_fd < 0 || pipe2(out, O_CLOEXEC) != 0) {
    ADD_FAILURE() << "cannot create pipes";
    return;
  }
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    for (const auto& [name, value] : options.env) setenv(name.c_str(), value.c_str(), 1);
    execl(HOLD_SCRATCH, HOLD_SCRATCH, db.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  close(err_fd);
  if (!options.wait_for_ready) {
    close(out[0]);
    return;
  }
  std::string line;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd wait_for{out[0], POLLIN, 0};
    if (poll(&wait_for, 1, 200) <= 0) continue;
    char buffer[512];
    ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;
    line.append(buffer, static_cast<std::size_t>(n));
  }
  close(out[0]);
  std::istringstream fields(line);
  std::string word;
  fields >> word;
  if (word != "READY") {
    ADD_FAILURE() << "hold_scratch " << db << " printed no READY line: " << line << error_output();
    return;
  }
  while (fields >> word) {
    auto eq = word.find('=');
    if (eq != std::string::npos) ready_[word.substr(0, eq)] = word.substr(eq + 1);
  }
}

HeldProcess::~HeldProcess() {
  if (pid_ > 0) signal_and_wait(SIGTERM);
  unlink(stderr_path_.c_str());
}

std::string HeldProcess::error_output() const {
  std::ifstream in(stderr_path_);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int HeldProcess::signal_and_wait(int sig, std::chrono::seconds limit) {
  if (pid_ <= 0) return -1;
  kill(pid_, sig);
  int status = 0;
  bool done = eventually([&] { return waitpid(pid_, &status, WNOHANG) == pid_; }, limit);
  if (!done) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    pid_ = 0;
    return -1;
  }
  pid_ = 0;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace migsafe::tests
