#include "analyzer/lint/finding_stream.hpp"

#include <functional>

#include "analyzer/display_path.hpp"

namespace migsafe::analyzer::lint {

std::size_t FindingStream::KeyHash::operator()(const Key& key) const {
  std::size_t hash = key.message_hash;
  for (const std::size_t part : {std::hash<const void*>()(key.rule), static_cast<std::size_t>(key.line),
                                 static_cast<std::size_t>(key.column)}) {
    hash ^= part + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2);
  }
  return hash;
}

void FindingStream::add(model::Finding&& finding) {
  if (finding.location.file != last_file_) {
    last_file_ = finding.location.file;
    last_shown_ = display_path(last_file_);
  }
  finding.location.file = last_shown_;
  const std::string* rule = &*rule_ids_.insert(finding.rule).first;
  const Key key{rule, finding.location.line, finding.location.column,
                std::hash<std::string>()(finding.message)};
  if (!seen_[last_shown_].insert(key).second) return;
  sink_(std::move(finding));
}

void FindingStream::forget(const std::string& shown_file) { seen_.erase(shown_file); }

}  // namespace migsafe::analyzer::lint
