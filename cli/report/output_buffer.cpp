#include "cli/report/output_buffer.hpp"

#include <charconv>
#include <ostream>

namespace migsafe::cli::report {

OutputBuffer::OutputBuffer(std::ostream& out) : out_(out) {
  text_.reserve(block_size + block_size / 4);  // a block plus the finding that fills it
}

OutputBuffer& OutputBuffer::operator<<(long long number) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  text_.append(digits, end);
  return *this;
}

void OutputBuffer::write() {
  out_.write(text_.data(), static_cast<std::streamsize>(text_.size()));
  text_.clear();
}

}  // namespace migsafe::cli::report
