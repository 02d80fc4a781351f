#include "dbdrivers/os/process_mark.hpp"

#include <unistd.h>

#include <ctime>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

namespace migsafe::dbdrivers::os {
namespace {

std::string first_line_of(const std::string& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
}

// The fields of /proc/<pid>/stat from the third (the state) on; empty when the process
// is gone. The command name (field 2) may hold spaces and parentheses: cut at the last ')'.
std::vector<std::string> stat_fields(long pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), {});
  const auto name_end = stat.rfind(')');
  std::vector<std::string> fields;
  if (name_end == std::string::npos) return fields;
  std::istringstream words(stat.substr(name_end + 1));
  for (std::string word; words >> word;) fields.push_back(word);
  return fields;
}

unsigned long long start_ticks_of(long pid) {
  const std::vector<std::string> fields = stat_fields(pid);
  return fields.size() > 19 ? std::strtoull(fields[19].c_str(), nullptr, 10) : 0;  // field 22
}

}  // namespace

ProcessMark this_process() {
  ProcessMark mark;
  mark.host = host_name();
  mark.boot_id = first_line_of("/proc/sys/kernel/random/boot_id");
  mark.pid = static_cast<long>(::getpid());
  mark.start_ticks = start_ticks_of(mark.pid);
  mark.made_at = static_cast<long long>(std::time(nullptr));
  return mark;
}

std::string to_text(const ProcessMark& mark) {
  return "host=" + mark.host + " boot=" + mark.boot_id + " pid=" + std::to_string(mark.pid) +
         " start=" + std::to_string(mark.start_ticks) + " made=" + std::to_string(mark.made_at);
}

std::optional<ProcessMark> parse_mark(const std::string& text) {
  std::map<std::string, std::string> fields;
  std::istringstream words(text);
  std::string word;
  while (words >> word) {
    const auto equals = word.find('=');
    if (equals != std::string::npos) fields[word.substr(0, equals)] = word.substr(equals + 1);
  }
  for (const char* name : {"host", "boot", "pid", "start", "made"}) {
    if (fields[name].empty()) return std::nullopt;
  }
  ProcessMark mark;
  mark.host = fields["host"];
  mark.boot_id = fields["boot"];
  try {
    mark.pid = std::stol(fields["pid"]);
    mark.start_ticks = std::stoull(fields["start"]);
    mark.made_at = std::stoll(fields["made"]);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return mark;
}

bool still_running(const ProcessMark& mark) {
  const ProcessMark here = this_process();
  return mark.host == here.host && mark.boot_id == here.boot_id && mark.pid > 0 &&
         start_ticks_of(mark.pid) == mark.start_ticks;
}

}  // namespace migsafe::dbdrivers::os
