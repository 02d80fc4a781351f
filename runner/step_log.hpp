#pragma once

#include <deque>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace migsafe::runner {

// A step's output as the user reads it: each line prefixed with the step's name and
// passed through the one mask (dbdrivers::mask_passwords) before it is printed; the
// last lines are kept for the diagnosis of a failure.
class StepLog {
 public:
  StepLog(std::ostream& out, std::string step);

  void line(const std::string& text);  // migsafe's own line about the step
  void chunk(std::string_view data);   // the step's output as it comes: whole lines
  void flush();                        // the output's last, unterminated line
  std::string tail() const;            // the last lines, masked

  // The last non-empty line of the step's output (not migsafe's own lines), unmasked:
  // what a capture sets.
  const std::string& last_output_line() const { return last_output_line_; }

  // Keeps lines back until release(): a step whose output is about to become a secret
  // (a capture into a secret variable) is printed once the mask knows it.
  void hold() { holding_ = true; }
  void release();

 private:
  void output_line(std::string text);
  void print(const std::string& text);

  std::ostream& out_;
  std::string prefix_;
  std::string partial_;
  std::deque<std::string> tail_;
  std::string last_output_line_;
  bool holding_ = false;
  std::vector<std::string> held_;
};

}  // namespace migsafe::runner
