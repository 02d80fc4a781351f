#pragma once

#include <string>
#include <vector>

namespace migsafe::testing {

// A program started by a test, its output read through pipes.
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();

  int pid() const { return pid_; }
  // Reads stderr until a line containing `text` arrives or `seconds` pass.
  bool wait_for_stderr(const std::string& text, int seconds);
  void signal(int number);
  // Waits for the exit, collects the rest of the output, returns the exit code
  // (128 + signal when killed by one).
  int wait();

  const std::string& out() const { return out_; }
  const std::string& err() const { return err_; }

 private:
  void drain();

  int pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string out_;
  std::string err_;
  int exit_code_ = -1;
};

struct RunResult {
  int exit_code;
  std::string out;
  std::string err;
};

RunResult run(const std::vector<std::string>& argv);

}  // namespace migsafe::testing
