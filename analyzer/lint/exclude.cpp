#include "analyzer/lint/exclude.hpp"

#include <fnmatch.h>

namespace migsafe::analyzer::lint {

namespace fs = std::filesystem;

bool is_excluded(const fs::path& path, const std::vector<std::string>& globs, const fs::path& base) {
  if (globs.empty()) return false;
  std::vector<std::string> candidates = {path.generic_string(), path.filename().string()};
  std::error_code ec;
  if (!base.empty()) {
    const fs::path absolute = fs::absolute(path, ec).lexically_normal();
    const fs::path relative = absolute.lexically_relative(fs::absolute(base, ec).lexically_normal());
    if (!relative.empty() && *relative.begin() != "..") candidates.push_back(relative.generic_string());
  }
  for (const auto& glob : globs) {
    for (const auto& candidate : candidates) {
      if (fnmatch(glob.c_str(), candidate.c_str(), 0) == 0) return true;
      // "**/x" should also match "x" at the top.
      if (glob.rfind("**/", 0) == 0 && fnmatch(glob.c_str() + 3, candidate.c_str(), 0) == 0) return true;
    }
  }
  return false;
}

}  // namespace migsafe::analyzer::lint
