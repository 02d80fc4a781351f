#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/location.hpp"

namespace migsafe::rules {

// Line/column of byte offsets in one text, fast for many lookups: finds the line by
// binary search, then lets model::line_column_at count the columns within it, so every
// position still comes from the one place that computes them.
class TextPositions {
 public:
  explicit TextPositions(const std::string& text);
  model::LineColumn at(std::size_t byte_offset) const;

 private:
  const std::string& text_;
  std::vector<std::size_t> line_starts_;
};

}  // namespace migsafe::rules
