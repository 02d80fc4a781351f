#include "dbdrivers/cleanup/leftovers.hpp"

#include <unistd.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <sstream>
#include <system_error>

#include "dbdrivers/cleanup/steps.hpp"

namespace migsafe::dbdrivers::cleanup {

namespace fs = std::filesystem;

namespace {

constexpr const char* mark_file = os::folder_mark_file;
// mkdtemp and writing the mark are two steps: a folder this young without its mark is a
// run starting, not a leftover.
constexpr long long unmarked_grace_seconds = 60;

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

long long seconds_since_modified(const fs::path& path, long long now) {
  std::error_code ec;
  const auto modified = fs::last_write_time(path, ec);
  if (ec) return 0;
  const auto as_system = std::chrono::system_clock::now() +
                         (modified - fs::file_time_type::clock::now());
  return now - static_cast<long long>(std::chrono::system_clock::to_time_t(as_system));
}

}  // namespace

Leftover judge_leftover(const std::optional<os::ProcessMark>& maker, long long now) {
  if (!maker) return Leftover::report;
  const os::ProcessMark here = os::this_process();
  if (maker->host == here.host && maker->boot_id == here.boot_id) {
    return os::still_running(*maker) ? Leftover::in_use : Leftover::remove;
  }
  return now - maker->made_at > leftover_age_limit_seconds ? Leftover::remove : Leftover::report;
}

std::string describe_maker(const std::optional<os::ProcessMark>& maker, long long now) {
  if (!maker) return "unmarked";
  const long long age = now - maker->made_at;
  const std::string ago = age >= 7200   ? std::to_string(age / 3600) + " h ago"
                          : age >= 120 ? std::to_string(age / 60) + " min ago"
                                       : std::to_string(age < 0 ? 0 : age) + " s ago";
  return "made by pid " + std::to_string(maker->pid) + " on " + maker->host + ", " + ago;
}

std::vector<std::string> sweep_scratch_folders(const fs::path& base) {
  std::vector<std::string> notes;
  const long long now = static_cast<long long>(std::time(nullptr));
  std::error_code ec;
  for (fs::directory_iterator entry(base, ec), end; !ec && entry != end; entry.increment(ec)) {
    const fs::path folder = entry->path();
    const std::string name = folder.filename().string();
    const bool scratch = name.rfind(cluster_folder_prefix, 0) == 0 ||
                         name.rfind(sqlite_folder_prefix, 0) == 0 ||
                         name.rfind(walk_folder_prefix, 0) == 0;
    if (!scratch) continue;
    std::error_code kind_error;
    if (!entry->is_directory(kind_error) || entry->is_symlink(kind_error)) continue;
    std::optional<os::ProcessMark> maker;
    if (fs::exists(folder / mark_file, kind_error)) {
      maker = os::parse_mark(read_text(folder / mark_file));
    } else if (::access(folder.c_str(), R_OK | X_OK) != 0 ||
               seconds_since_modified(folder, now) < unmarked_grace_seconds) {
      continue;  // another user's, or a run that is starting
    }
    switch (judge_leftover(maker, now)) {
      case Leftover::in_use:
        break;
      case Leftover::remove:
        // The reaper's own steps: a server left running in the folder stops first.
        stop_postmaster(folder / "data");
        remove_folder(folder);
        break;
      case Leftover::report:
        notes.push_back("left alone: scratch folder " + folder.string() + " (" +
                        describe_maker(maker, now) +
                        "); another run may still use it: remove it once none does");
        break;
    }
  }
  return notes;
}

}  // namespace migsafe::dbdrivers::cleanup
