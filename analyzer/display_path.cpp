#include "analyzer/display_path.hpp"

#include <filesystem>

namespace migsafe::analyzer {

std::string display_path(const std::string& file) {
  namespace fs = std::filesystem;
  if (file.empty() || fs::path(file).is_relative()) return file;
  std::error_code ec;
  const fs::path cwd = fs::weakly_canonical(fs::current_path(ec), ec);
  const fs::path relative = fs::path(file).lexically_relative(cwd);
  if (relative.empty() || *relative.begin() == "..") return file;
  return relative.string();
}

}  // namespace migsafe::analyzer
