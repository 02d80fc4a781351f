#include "rules/text_positions.hpp"

#include <algorithm>
#include <cstring>

namespace migsafe::rules {

TextPositions::TextPositions(const std::string& text) : text_(text) {
  line_starts_.push_back(0);
  // memchr: every file linted is scanned here, most of it far from a line break.
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  for (const char* p = begin; p < end; ++p) {
    p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    if (p == nullptr) break;
    line_starts_.push_back(static_cast<std::size_t>(p - begin) + 1);
  }
}

model::LineColumn TextPositions::at(std::size_t byte_offset) const {
  const std::size_t offset = std::min(byte_offset, text_.size());
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line_index = static_cast<std::size_t>(next - line_starts_.begin()) - 1;
  const std::size_t start = line_starts_[line_index];
  model::LineColumn out =
      model::line_column_at(text_.substr(start, offset - start), offset - start);
  out.line = static_cast<int>(line_index) + 1;
  return out;
}

}  // namespace migsafe::rules
