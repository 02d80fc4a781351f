#pragma once

#include <string>

namespace migsafe::model {

// Where a finding points. Lines and columns are 1-based; 0 means "not known".
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
  std::string revision;  // Alembic revision id, when the file is a migration
};

// 1-based line and column of a byte offset in a text. Every finding computes its
// position here, so all reporters agree.
struct LineColumn {
  int line = 1;
  int column = 1;
};
LineColumn line_column_at(const std::string& text, std::size_t byte_offset);

}  // namespace migsafe::model
