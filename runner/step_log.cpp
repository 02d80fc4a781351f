#include "runner/step_log.hpp"

#include "dbdrivers/database_url.hpp"

namespace migsafe::runner {
namespace {

constexpr std::size_t tail_lines = 20;

}  // namespace

StepLog::StepLog(std::ostream& out, std::string step) : out_(out), prefix_("[" + step + "] ") {}

void StepLog::line(const std::string& text) {
  if (holding_) {
    held_.push_back(text);
    return;
  }
  print(text);
}

void StepLog::print(const std::string& text) {
  std::string masked = dbdrivers::mask_passwords(text);
  out_ << prefix_ << masked << "\n";
  out_.flush();
  tail_.push_back(std::move(masked));
  if (tail_.size() > tail_lines) tail_.pop_front();
}

void StepLog::output_line(std::string text) {
  if (!text.empty() && text.back() == '\r') text.pop_back();
  if (text.find_first_not_of(" \t") != std::string::npos) last_output_line_ = text;
  line(text);
}

void StepLog::chunk(std::string_view data) {
  partial_.append(data);
  for (std::size_t end = partial_.find('\n'); end != std::string::npos;
       end = partial_.find('\n')) {
    output_line(partial_.substr(0, end));
    partial_.erase(0, end + 1);
  }
}

void StepLog::flush() {
  if (!partial_.empty()) output_line(partial_);
  partial_.clear();
}

void StepLog::release() {
  holding_ = false;
  for (const std::string& text : held_) print(text);
  held_.clear();
}

std::string StepLog::tail() const {
  std::string text;
  for (const std::string& kept : tail_) text += kept + "\n";
  const std::size_t from = held_.size() > tail_lines ? held_.size() - tail_lines : 0;
  for (std::size_t i = from; i < held_.size(); ++i) {
    text += dbdrivers::mask_passwords(held_[i]) + "\n";
  }
  return text;
}

}  // namespace migsafe::runner
