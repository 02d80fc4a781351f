#include "cli/progress/live_line.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

namespace migsafe::cli {
namespace {

// Carriage return, then erase to the end of the line (ANSI): every terminal we meet.
constexpr const char* back_to_start = "\r\033[K";

// Redrawing faster than the eye reads costs a write per revision for nothing.
constexpr std::chrono::milliseconds redraw_interval{80};

// A line longer than the terminal wraps, and the carriage return then only goes back
// to its last row: cut it to the width.
std::size_t terminal_width() {
  winsize size{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 1) return size.ws_col - 1;
  return 79;
}

}  // namespace

LiveLine::~LiveLine() { erase(); }

void LiveLine::database_ready(const std::string& description) {
  erase();
  out_ << ("migsafe: database: " + description + "\n") << std::flush;
}

void LiveLine::note(const std::string& text) {
  erase();
  out_ << ("migsafe: note: " + text + "\n") << std::flush;
}

void LiveLine::check_started(const std::string& check) {
  check_ = check;
  draw("migsafe: " + check + " ...", true);
}

void LiveLine::step_reached(std::size_t n, std::size_t count, const std::string& step) {
  draw("migsafe: " + check_ + ": " + std::to_string(n) + "/" + std::to_string(count) + " " + step,
       n == count);
}

void LiveLine::draw(const std::string& text, bool even_if_recent) {
  const auto now = std::chrono::steady_clock::now();
  if (!even_if_recent && shown_ && now - drawn_at_ < redraw_interval) return;
  out_ << back_to_start << text.substr(0, terminal_width()) << std::flush;
  shown_ = true;
  drawn_at_ = now;
}

void LiveLine::erase() {
  if (!shown_) return;
  out_ << back_to_start << std::flush;
  shown_ = false;
}

}  // namespace migsafe::cli
