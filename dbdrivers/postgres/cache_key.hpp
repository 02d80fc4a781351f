#pragma once

#include <filesystem>
#include <string>

namespace migsafe::dbdrivers::postgres {

// A short stable hash of a path (FNV-1a, hex) for cache entry names: std::hash may
// differ between builds, the cache outlives them.
std::string path_hash(const std::filesystem::path& path);

}  // namespace migsafe::dbdrivers::postgres
