#pragma once

#include <optional>
#include <string>

namespace migsafe::dbdrivers::os {

// Who made a scratch folder or database, written beside it so that a later run can tell
// whether its maker still runs. A process id alone may have been reused; with the boot id
// and the process's start time it cannot be.
struct ProcessMark {
  std::string host;     // gethostname()
  std::string boot_id;  // /proc/sys/kernel/random/boot_id
  long pid = 0;
  unsigned long long start_ticks = 0;  // field 22 of /proc/<pid>/stat
  long long made_at = 0;               // Unix time, seconds
};

// The file in each scratch folder that holds its maker's mark.
constexpr const char* folder_mark_file = ".migsafe-owner";

// This process, now.
ProcessMark this_process();

// "host=ci-3 boot=5f0c... pid=4242 start=918273 made=1796000000": one line, no spaces
// inside a value (a host name has none).
std::string to_text(const ProcessMark& mark);

// The mark in `text` (the fields may sit inside a longer comment); nullopt when a field
// is missing or malformed.
std::optional<ProcessMark> parse_mark(const std::string& text);

// Whether `mark`'s process is this machine's, since its last boot, and still running.
bool still_running(const ProcessMark& mark);

}  // namespace migsafe::dbdrivers::os
