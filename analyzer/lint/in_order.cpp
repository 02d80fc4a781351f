#include "analyzer/lint/in_order.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace migsafe::analyzer::lint {

namespace {

// A unit linted ahead of its turn.
struct Held {
  std::vector<model::Finding> findings;
  std::exception_ptr error;
  bool done = false;
};

class InOrder {
 public:
  InOrder(std::size_t count, std::size_t window,
          const std::function<void(std::size_t, const rules::FindingSink&)>& lint_unit)
      : count_(count), window_(window), lint_unit_(lint_unit) {}

  // The other thread: lints whatever is next, as far ahead as the window allows.
  void help() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      changed_.wait(lock, [&] { return stop_ || next_claim_ >= count_ || may_claim(); });
      if (stop_ || next_claim_ >= count_) return;
      lint_held(next_claim_++, lock);
    }
  }

  // The calling thread: sends findings out in order, linting itself when it can.
  void lead(const std::function<void(std::size_t)>& unit_done, const rules::FindingSink& sink) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (next_emit_ < count_) {
      const auto held = held_.find(next_emit_);
      if (held != held_.end() && held->second.done) {
        Held unit = std::move(held->second);
        held_.erase(held);
        lock.unlock();
        if (unit.error) std::rethrow_exception(unit.error);
        for (model::Finding& finding : unit.findings) sink(std::move(finding));
        finish(unit_done, lock);
      } else if (next_claim_ < count_ && may_claim()) {
        const std::size_t unit = next_claim_++;
        if (unit == next_emit_) {
          lock.unlock();
          lint_unit_(unit, sink);
          finish(unit_done, lock);
        } else {
          lint_held(unit, lock);
        }
      } else {
        changed_.wait(lock);
      }
    }
  }

  void stop() {
    const std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    changed_.notify_all();
  }

 private:
  bool may_claim() const { return next_claim_ < next_emit_ + window_; }

  // Lints `unit` into held_ with the lock released meanwhile.
  void lint_held(std::size_t unit, std::unique_lock<std::mutex>& lock) {
    held_[unit];
    lock.unlock();
    std::vector<model::Finding> findings;
    findings.reserve(16);  // most migrations have fewer findings: no regrowing on the way
    std::exception_ptr error;
    try {
      lint_unit_(unit, [&](model::Finding&& finding) { findings.push_back(std::move(finding)); });
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    Held& held = held_[unit];
    held.findings = std::move(findings);
    held.error = error;
    held.done = true;
    changed_.notify_all();
  }

  void finish(const std::function<void(std::size_t)>& unit_done,
              std::unique_lock<std::mutex>& lock) {
    unit_done(next_emit_);
    lock.lock();
    ++next_emit_;
    changed_.notify_all();
  }

  const std::size_t count_;
  const std::size_t window_;
  const std::function<void(std::size_t, const rules::FindingSink&)>& lint_unit_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t next_claim_ = 0;  // the next unit to lint
  std::size_t next_emit_ = 0;   // the next unit whose findings go out
  std::map<std::size_t, Held> held_;
  bool stop_ = false;
};

// Joins the helper however lead() ends.
class Helper {
 public:
  explicit Helper(InOrder& work) : work_(work), thread_([&work] { work.help(); }) {}
  ~Helper() {
    work_.stop();
    thread_.join();
  }

 private:
  InOrder& work_;
  std::thread thread_;
};

}  // namespace

void lint_in_order(std::size_t count, std::size_t window,
                   const std::function<void(std::size_t, const rules::FindingSink&)>& lint_unit,
                   const std::function<void(std::size_t)>& unit_done,
                   const rules::FindingSink& sink) {
  InOrder work(count, std::max<std::size_t>(window, 1), lint_unit);
  // The benchmark machine has two cores; more threads add memory there, not speed.
  const bool two_threads = count >= 2 && std::thread::hardware_concurrency() >= 2;
  if (!two_threads) {
    work.lead(unit_done, sink);
    return;
  }
  Helper helper(work);
  work.lead(unit_done, sink);
}

}  // namespace migsafe::analyzer::lint
