#include "cli/report/source_lines.hpp"

#include <fstream>
#include <system_error>

namespace migsafe::cli::report {

namespace {

std::vector<std::string> read_lines(const std::filesystem::path& path) {
  std::vector<std::string> lines;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return lines;
  std::ifstream in(path, std::ios::binary);
  std::string text;
  while (std::getline(in, text)) {
    if (!text.empty() && text.back() == '\r') text.pop_back();
    lines.push_back(std::move(text));
  }
  return lines;
}

}  // namespace

const std::string* SourceLines::line(const std::string& file, int line) {
  if (file.empty() || line < 1) return nullptr;
  if (file != file_) {
    std::filesystem::path path(file);
    if (path.is_relative() && !base_dir_.empty()) path = base_dir_ / path;
    lines_ = read_lines(path);
    file_ = file;
  }
  if (static_cast<std::size_t>(line) > lines_.size()) return nullptr;
  return &lines_[static_cast<std::size_t>(line) - 1];
}

}  // namespace migsafe::cli::report
