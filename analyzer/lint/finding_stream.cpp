#include "analyzer/lint/finding_stream.hpp"

#include <functional>
#include <utility>
#include <vector>

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

const std::string& FindingStream::shown(const std::string& file) {
  if (file != last_file_) {
    last_file_ = file;
    last_shown_ = display_path(last_file_);
  }
  return last_shown_;
}

void FindingStream::add(model::Finding&& finding) {
  finding.location.file = shown(finding.location.file);
  const std::string* rule = &*rule_ids_.insert(finding.rule).first;
  if (finding.occurrences.empty()) {
    const Key key{rule, finding.location.line, finding.location.column,
                  std::hash<std::string>()(finding.message)};
    if (seen_[finding.location.file].insert(key).second) sink_(std::move(finding));
    return;
  }
  // A finding that stands for several statements: each statement is reported once (one
  // env.py emits before every revision stays with the first), and the finding goes when
  // none of its own is left, moving to the first that is.
  std::vector<model::Occurrence> fresh;
  for (model::Occurrence& occurrence : finding.occurrences) {
    occurrence.location.file = shown(occurrence.location.file);
    const Key key{rule, occurrence.location.line, occurrence.location.column,
                  std::hash<std::string>()("statement:" + occurrence.statement)};
    if (seen_[occurrence.location.file].insert(key).second) fresh.push_back(std::move(occurrence));
  }
  if (fresh.empty()) return;
  if (fresh.front().location.line != finding.location.line ||
      fresh.front().location.file != finding.location.file ||
      fresh.front().statement != finding.statement) {
    finding.location = fresh.front().location;
    finding.statement = fresh.front().statement;
  }
  finding.occurrences = std::move(fresh);
  sink_(std::move(finding));
}

void FindingStream::forget(const std::string& shown_file) { seen_.erase(shown_file); }

}  // namespace migsafe::analyzer::lint
