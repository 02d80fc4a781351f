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

// Runs git in `folder`; stdout, or InputError naming the command.
std::string git(const fs::path& folder, const std::string& arguments) {
  const std::string command = "git -C " + shell_quote(folder.string()) + " " + arguments + " 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw model::InputError("cannot run git", "install git, or drop --base-ref");
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  const int status = ::pclose(pipe);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw model::InputError("`git " + arguments + "` failed in " + folder.string(),
                            "--base-ref needs a git work tree and a ref that exists there (e.g. origin/main)");
  }
  return out;
}

}  // namespace

std::set<std::string> files_changed_since(const fs::path& folder, const std::string& ref) {
  std::string top = git(folder, "rev-parse --show-toplevel");
  while (!top.empty() && (top.back() == '\n' || top.back() == '\r')) top.pop_back();
  const std::string listing = git(folder, "diff --name-only --diff-filter=d " + shell_quote(ref) + " --") +
                              git(folder, "ls-files --others --exclude-standard");
  std::set<std::string> files;
  std::istringstream lines(listing);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    std::error_code ec;
    const fs::path path = fs::weakly_canonical(fs::path(top) / line, ec);
    files.insert(path.string());
  }
  return files;
}

}  // namespace migsafe::analyzer::lint
