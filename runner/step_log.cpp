#include "runner/step_log.hpp"

#include "dbdrivers/database_url.hpp"

namespace migsafe::runner {
namespace {

constexpr std::size_t tail_lines = 20;

}  // namespace

StepLog::StepLog(std::ostream& out, std::string step) : out_(out), prefix_("[" + step + "] ") {}

void StepLog::line(const std::string& text) {
  last_line_ = text;
  if (!last_line_.empty() && last_line_.back() == '\r') last_line_.pop_back();
  std::string masked = dbdrivers::mask_passwords(text);
  if (!masked.empty() && masked.back() == '\r') masked.pop_back();
  out_ << prefix_ << masked << "\n";
  out_.flush();
  tail_.push_back(std::move(masked));
  if (tail_.size() > tail_lines) tail_.pop_front();
}

void StepLog::chunk(std::string_view data) {
  partial_.append(data);
  for (std::size_t end = partial_.find('\n'); end != std::string::npos;
       end = partial_.find('\n')) {
    line(partial_.substr(0, end));
    partial_.erase(0, end + 1);
  }
}

void StepLog::flush() {
  if (!partial_.empty()) line(partial_);
  partial_.clear();
}

std::string StepLog::tail() const {
  std::string text;
  for (const std::string& kept : tail_) text += kept + "\n";
  return text;
}

}  // namespace migsafe::runner
