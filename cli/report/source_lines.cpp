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

std::optional<std::string> SourceLines::line(const std::string& file, int line) {
  if (file.empty() || line < 1) return std::nullopt;
  auto it = files_.find(file);
  if (it == files_.end()) {
    std::filesystem::path path(file);
    if (path.is_relative() && !base_dir_.empty()) path = base_dir_ / path;
    it = files_.emplace(file, read_lines(path)).first;
  }
  if (static_cast<std::size_t>(line) > it->second.size()) return std::nullopt;
  return it->second[static_cast<std::size_t>(line) - 1];
}

}  // namespace migsafe::cli::report
