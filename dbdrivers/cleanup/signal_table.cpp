#include "dbdrivers/cleanup/signal_table.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <initializer_list>
#include <cerrno>

namespace migsafe::dbdrivers::cleanup {
namespace {

struct Slot {
  std::atomic<int> fd{-1};
  std::atomic<pid_t> pid{0};
};

constexpr int slot_count = 64;
Slot slots[slot_count];
std::atomic<pid_t> foreground_group{0};

static_assert(std::atomic<int>::is_always_lock_free && std::atomic<pid_t>::is_always_lock_free,
              "the signal handler needs lock-free atomics");

class InterruptsBlocked {
 public:
  InterruptsBlocked() {
    sigset_t set;
    sigemptyset(&set);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&set, sig);
    pthread_sigmask(SIG_BLOCK, &set, &old_);
  }
  ~InterruptsBlocked() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }

 private:
  sigset_t old_;
};

}  // namespace

int add_reaper(int channel_fd, pid_t pid) noexcept {
  for (int i = 0; i < slot_count; ++i) {
    pid_t expected = 0;
    if (slots[i].pid.compare_exchange_strong(expected, pid)) {
      slots[i].fd.store(channel_fd);
      return i;
    }
  }
  return -1;
}

void close_reaper_channel(int slot, int channel_fd) noexcept {
  InterruptsBlocked blocked;
  close(channel_fd);
  if (slot >= 0) slots[slot].fd.store(-1);
}

void remove_reaper(int slot) noexcept {
  if (slot >= 0) slots[slot].pid.store(0);
}

void set_foreground_group(pid_t group) noexcept { foreground_group.store(group); }

void run_reapers_and_exit(int exit_code) noexcept {
  if (pid_t group = foreground_group.load(); group > 0) {
    kill(-group, SIGKILL);
    kill(group, SIGKILL);
  }
  bool any = false;
  for (auto& slot : slots) {
    int fd = slot.fd.exchange(-1);
    if (fd >= 0) close(fd);
    any = any || slot.pid.load() > 0;
  }
  if (any) {
    static const char note[] = "migsafe: interrupted; removing scratch databases\n";
    ssize_t ignored = write(STDERR_FILENO, note, sizeof note - 1);
    (void)ignored;
  }
  for (auto& slot : slots) {
    pid_t pid = slot.pid.load();
    if (pid <= 0) continue;
    while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  _exit(exit_code);
}

}  // namespace migsafe::dbdrivers::cleanup
