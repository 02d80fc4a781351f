#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

namespace migsafe::cli::report {

// Rendered text gathered in one large block and handed to the stream in big writes.
// Formats append whole runs of text here instead of calling the ostream per piece: a
// lint of 20,000 statements renders ~10 MB, and per-character stream calls were a tenth
// of its run time.
class OutputBuffer {
 public:
  explicit OutputBuffer(std::ostream& out);
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;

  OutputBuffer& operator<<(std::string_view text) {
    text_.append(text);
    return *this;
  }
  OutputBuffer& operator<<(char c) {
    text_.push_back(c);
    return *this;
  }
  OutputBuffer& operator<<(long long number);
  OutputBuffer& operator<<(int number) { return *this << static_cast<long long>(number); }

  // The text not written yet, for code that appends to it in place.
  std::string& text() { return text_; }

  // Writes the text once a block is full; formats call it between findings.
  void write_if_full() {
    if (text_.size() >= block_size) write();
  }
  // Writes everything held; formats call it at the end of a report.
  void write();

 private:
  static constexpr std::size_t block_size = 64 * 1024;
  std::ostream& out_;
  std::string text_;
};

}  // namespace migsafe::cli::report
