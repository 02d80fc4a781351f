#include "dbdrivers/postgres/cache_key.hpp"

#include <cstdint>
#include <cstdio>

namespace migsafe::dbdrivers::postgres {

std::string path_hash(const std::filesystem::path& path) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : path.string()) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return std::string(text, 10);
}

}  // namespace migsafe::dbdrivers::postgres
