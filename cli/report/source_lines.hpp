#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace migsafe::cli::report {

// Lines of the files findings point at, read once per file. A file that cannot be
// read (deleted, not a file, a statement with no file) simply has no lines.
class SourceLines {
 public:
  explicit SourceLines(std::filesystem::path base_dir) : base_dir_(std::move(base_dir)) {}

  // Line `line` (1-based) of `file` without its line break, or nullopt.
  std::optional<std::string> line(const std::string& file, int line);

 private:
  std::filesystem::path base_dir_;
  std::map<std::string, std::vector<std::string>> files_;
};

}  // namespace migsafe::cli::report
