#pragma once

#include <deque>
#include <ostream>
#include <string>
#include <string_view>

namespace migsafe::runner {

// A step's output as the user reads it: each line prefixed with the step's name and
// passed through the one mask (dbdrivers::mask_passwords) before it is printed; the
// last lines are kept for the diagnosis of a failure.
class StepLog {
 public:
  StepLog(std::ostream& out, std::string step);

  void line(const std::string& text);
  void chunk(std::string_view data);  // output as it comes: whole lines are printed
  void flush();                       // the last, unterminated line
  std::string tail() const;           // the last lines, masked
  const std::string& last_line() const { return last_line_; }  // unmasked: for capture

 private:
  std::ostream& out_;
  std::string prefix_;
  std::string partial_;
  std::deque<std::string> tail_;
  std::string last_line_;
};

}  // namespace migsafe::runner
