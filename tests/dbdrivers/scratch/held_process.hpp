#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>

namespace migsafe::tests {

// hold_scratch running in the background: started, read until its READY line, then
// signalled by the test.
class HeldProcess {
 public:
  struct Options {
    bool wait_for_ready = true;  // FAIL the test if no READY line comes
    std::map<std::string, std::string> env;  // added to the child's environment
  };
  explicit HeldProcess(const std::string& db) : HeldProcess(db, Options{}) {}
  HeldProcess(const std::string& db, const Options& options);
  ~HeldProcess();

  pid_t pid() const { return pid_; }
  // READY line fields: folder, pid (postmaster), database.
  const std::map<std::string, std::string>& ready() const { return ready_; }
  std::string error_output() const;

  // Sends `sig` and waits for the exit; returns the exit code (128+N if killed by N),
  // or -1 when it did not exit within `limit`.
  int signal_and_wait(int sig, std::chrono::seconds limit = std::chrono::seconds(30));

 private:
  pid_t pid_ = 0;
  std::string stderr_path_;
  std::map<std::string, std::string> ready_;
};

// Polls `condition` every 20 ms until it holds or `limit` passes.
template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    struct timespec pause {0, 20'000'000};
    nanosleep(&pause, nullptr);
  }
  return true;
}

}  // namespace migsafe::tests
