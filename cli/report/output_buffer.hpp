#pragma once

#include <cstring>
#include <iosfwd>
#include <memory>
#include <string_view>

namespace migsafe::cli::report {

// Rendered text gathered in one large block and handed to the stream in big writes.
// Formats append whole runs of text here instead of calling the ostream per piece: a
// lint of 20,000 statements renders ~10 MB, and per-character stream calls were a tenth
// of its run time.
//
// Appends are inline: a capacity check and a memcpy into storage that is allocated once
// unless a finding outgrows the slack above a block. A JSON finding is ~40 appends of a
// few bytes each, and std::string::append's out-of-line call cost more than the copying.
class OutputBuffer {
 public:
  explicit OutputBuffer(std::ostream& out);
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;

  OutputBuffer& operator<<(std::string_view text) {
    append(text.data(), text.size());
    return *this;
  }
  OutputBuffer& operator<<(char c) {
    if (end_ == limit_) grow(1);
    *end_++ = c;
    return *this;
  }
  OutputBuffer& operator<<(long long number);
  OutputBuffer& operator<<(int number) { return *this << static_cast<long long>(number); }

  // Appends `c` `count` times.
  void repeat(char c, std::size_t count);

  // The number of bytes not written yet, and dropping those after the first `kept`: for
  // a format that takes back what it started (json replaces a string it began escaping).
  std::size_t size() const { return static_cast<std::size_t>(end_ - storage_.get()); }
  void truncate(std::size_t kept) { end_ = storage_.get() + kept; }

  // Writes the text once a block is full; formats call it between findings.
  void write_if_full() {
    if (size() >= block_size) write();
  }
  // Writes everything held; formats call it at the end of a report.
  void write();

 private:
  static constexpr std::size_t block_size = 64 * 1024;
  // A block plus the finding that fills it.
  static constexpr std::size_t initial_capacity = block_size + block_size / 4;

  void append(const char* data, std::size_t count) {
    if (count > static_cast<std::size_t>(limit_ - end_)) grow(count);
    std::memcpy(end_, data, count);
    end_ += count;
  }
  // Makes room for `more` bytes; only a finding larger than the slack after a block needs it.
  void grow(std::size_t more);

  std::ostream& out_;
  std::unique_ptr<char[]> storage_;
  char* end_;    // of the text held
  char* limit_;  // of the storage
};

}  // namespace migsafe::cli::report
