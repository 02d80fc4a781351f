#pragma once

#include <chrono>
#include <ostream>
#include <string>

#include "analyzer/check/progress.hpp"

namespace migsafe::cli {

// Progress on a terminal: one line, redrawn in place ("migsafe: replay-per-revision:
// 37/240 upgrade 1a2b3c4d5e6f"), erased when the object goes, before the report prints.
// The report's check table says how each check ended: the line never repeats it.
class LiveLine : public analyzer::check::Progress {
 public:
  explicit LiveLine(std::ostream& out) : out_(out) {}
  ~LiveLine() override;
  LiveLine(const LiveLine&) = delete;
  LiveLine& operator=(const LiveLine&) = delete;

  void database_ready(const std::string& description) override;
  void note(const std::string& text) override;
  void check_started(const std::string& check) override;
  void step_reached(std::size_t n, std::size_t count, const std::string& step) override;

 private:
  void draw(const std::string& text, bool even_if_recent);
  void erase();

  std::ostream& out_;
  std::string check_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point drawn_at_;
};

}  // namespace migsafe::cli
