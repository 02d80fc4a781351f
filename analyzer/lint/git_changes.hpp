#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace migsafe::analyzer::lint {

// Files of the git work tree holding `folder` that differ from where the branch left
// `ref` (its merge base with HEAD; committed, staged or not) or are new and untracked:
// absolute, canonical paths. This is what --base-ref calls "new". Throws
// model::InputError when git fails (not a repository, unknown ref).
std::set<std::string> files_changed_since(const std::filesystem::path& folder, const std::string& ref);

// Of those, the files that existed at `ref` and were modified since (not added, not
// renamed): what an edited, already applied migration looks like.
std::set<std::string> files_edited_since(const std::filesystem::path& folder, const std::string& ref);

// `path` absolute, its links resolved: the form of the paths below, to compare with them.
std::string canonical_path(const std::filesystem::path& path);

// Runs `git -C folder arguments...`; its stdout. Throws model::InputError naming the
// command when git fails.
std::string run_git(const std::filesystem::path& folder, const std::vector<std::string>& arguments);

// The top folder of the git work tree holding `folder`. Throws model::InputError.
std::filesystem::path work_tree_top(const std::filesystem::path& folder);

}  // namespace migsafe::analyzer::lint
