#include "cli/report/output_buffer.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <ostream>

namespace migsafe::cli::report {

OutputBuffer::OutputBuffer(std::ostream& out)
    : out_(out),
      storage_(new char[initial_capacity]),  // not make_unique: it would zero the block
      end_(storage_.get()),
      limit_(end_ + initial_capacity) {}

OutputBuffer& OutputBuffer::operator<<(long long number) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  append(digits, static_cast<std::size_t>(end - digits));
  return *this;
}

void OutputBuffer::repeat(char c, std::size_t count) {
  if (count > static_cast<std::size_t>(limit_ - end_)) grow(count);
  std::memset(end_, c, count);
  end_ += count;
}

void OutputBuffer::grow(std::size_t more) {
  const std::size_t held = size();
  const std::size_t capacity =
      std::max(2 * static_cast<std::size_t>(limit_ - storage_.get()), held + more);
  std::unique_ptr<char[]> bigger(new char[capacity]);
  std::memcpy(bigger.get(), storage_.get(), held);
  storage_ = std::move(bigger);
  end_ = storage_.get() + held;
  limit_ = storage_.get() + capacity;
}

void OutputBuffer::write() {
  out_.write(storage_.get(), static_cast<std::streamsize>(size()));
  end_ = storage_.get();
}

}  // namespace migsafe::cli::report
