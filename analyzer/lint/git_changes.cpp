#include "analyzer/lint/git_changes.hpp"

#include <cstdio>
#include <sstream>
#include <sys/wait.h>

#include "model/error.hpp"

namespace migsafe::analyzer::lint {

namespace fs = std::filesystem;

namespace {

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string canonical_path(const fs::path& path) {
  std::error_code ec;
  const fs::path out = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return (ec ? fs::absolute(path).lexically_normal() : out).string();
}

std::string run_git(const fs::path& folder, const std::vector<std::string>& arguments) {
  std::string shown;
  for (const std::string& argument : arguments) shown += (shown.empty() ? "" : " ") + argument;
  // Never a credentials prompt, never the repository's hooks.
  std::string command = "GIT_TERMINAL_PROMPT=0 git -c core.hooksPath=/dev/null -C " +
                        shell_quote(folder.string());
  for (const std::string& argument : arguments) command += " " + shell_quote(argument);
  command += " 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw model::InputError("cannot run git", "install git, or drop --base-ref");
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  const int status = ::pclose(pipe);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw model::InputError("`git " + shown + "` failed in " + folder.string(),
                            "--base-ref needs a git work tree and a ref that exists there (e.g. origin/main)");
  }
  return out;
}

namespace {

// `listing`'s paths (relative to the work tree's top), as absolute canonical paths.
std::set<std::string> absolute_paths(const fs::path& top, const std::string& listing) {
  std::set<std::string> files;
  std::istringstream lines(listing);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    std::error_code ec;
    const fs::path path = fs::weakly_canonical(top / line, ec);
    files.insert(path.string());
  }
  return files;
}

}  // namespace

fs::path work_tree_top(const fs::path& folder) {
  std::string top = run_git(folder, {"rev-parse", "--show-toplevel"});
  while (!top.empty() && (top.back() == '\n' || top.back() == '\r')) top.pop_back();
  return top;
}

// Against the commit the branch left `ref` at (`--merge-base`): what `ref` gained since
// is not this branch's change.
std::set<std::string> files_changed_since(const fs::path& folder, const std::string& ref) {
  return absolute_paths(
      work_tree_top(folder),
      run_git(folder, {"diff", "--name-only", "--diff-filter=d", "--merge-base", ref, "--"}) +
          run_git(folder, {"ls-files", "--full-name", "--others", "--exclude-standard"}));
}

std::set<std::string> files_edited_since(const fs::path& folder, const std::string& ref) {
  return absolute_paths(work_tree_top(folder),
                        run_git(folder, {"diff", "--name-only", "--no-renames", "--diff-filter=M",
                                         "--merge-base", ref, "--"}));
}

}  // namespace migsafe::analyzer::lint
