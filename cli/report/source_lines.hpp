#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace migsafe::cli::report {

// Lines of the files findings point at. Only the file read last is kept: findings come
// grouped by file, and a lint of thousands of files must not hold all of them. A file
// that cannot be read (deleted, not a file, a statement with no file) simply has no
// lines.
class SourceLines {
 public:
  explicit SourceLines(std::filesystem::path base_dir) : base_dir_(std::move(base_dir)) {}

  // Line `line` (1-based) of `file` without its line break, or nullptr; valid until the
  // next call.
  const std::string* line(const std::string& file, int line);

 private:
  std::filesystem::path base_dir_;
  std::string file_;  // whose lines `lines_` holds; empty: none read yet
  std::vector<std::string> lines_;
};

}  // namespace migsafe::cli::report
