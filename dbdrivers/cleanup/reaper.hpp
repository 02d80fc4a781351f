#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace migsafe::dbdrivers::cleanup {

// A child process that undoes what a scratch database created, whatever happens to
// migsafe. It is forked before anything is created and then told, step by step, what to
// undo. When its channel reaches end-of-file it runs the steps in reverse order and
// exits. End-of-file comes from finish() (normal destruction, or an exception unwinding),
// from the interrupt handler (SIGINT/SIGTERM) or from the kernel closing the channel of
// a migsafe that died (SIGKILL, crash). The reaper ignores terminal signals and runs in
// its own session, so one code path cleans up in every case.
class Reaper {
 public:
  Reaper();  // throws model::EnvironmentError when it cannot fork
  ~Reaper();
  Reaper(const Reaper&) = delete;
  Reaper& operator=(const Reaper&) = delete;

  // Registered steps run in reverse order. Each is idempotent: undoing what was never
  // made does nothing, so a step is registered just before the thing is made.
  void remove_folder(const std::filesystem::path& folder);
  void stop_postmaster(const std::filesystem::path& data_dir);
  // The URI carries a password: it only crosses the channel to our own child.
  void drop_database(const std::string& libpq_uri, const std::string& name);
  void compose_down(const std::filesystem::path& compose_file);
  void track_group(pid_t group) noexcept;  // a running command: killed if migsafe dies
  void untrack_group(pid_t group) noexcept;

  // Runs the clean-up now and waits until it is done; later calls do nothing.
  void finish() noexcept;

  pid_t pid() const { return pid_; }

 private:
  bool send(const std::string& line) noexcept;
  void must_send(const std::string& line);

  int channel_ = -1;
  pid_t pid_ = 0;
  int slot_ = -1;
};

}  // namespace migsafe::dbdrivers::cleanup
