#pragma once

#include <filesystem>
#include <set>
#include <string>

namespace migsafe::analyzer::lint {

// Files of the git work tree holding `folder` that differ from `ref` (committed,
// staged or not) or are new and untracked: absolute, canonical paths. This is what
// --base-ref calls "new". Throws model::InputError when git fails (not a repository,
// unknown ref).
std::set<std::string> files_changed_since(const std::filesystem::path& folder, const std::string& ref);

}  // namespace migsafe::analyzer::lint
