#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_set>

#include "model/finding.hpp"
#include "rules/lint.hpp"

namespace migsafe::analyzer::lint {

// What lint reports of the findings its units make, decided as they arrive rather than
// once all are in: paths shown relative to the current folder, and a finding identical
// in rule, shown file, line, column and message to an earlier one dropped (a statement
// env.py emits before every revision is reported once; so is a file named twice). A
// finding with occurrences drops each statement seen before, and goes when none is left.
class FindingStream {
 public:
  explicit FindingStream(const rules::FindingSink& sink) : sink_(sink) {}

  void add(model::Finding&& finding);

  // Forgets the findings seen in `shown_file`, once no later unit can report in it: a
  // lint of thousands of files then remembers one file's findings at a time.
  void forget(const std::string& shown_file);

 private:
  // The shown file is not part of the key: keys are kept per shown file. The message is
  // kept as its 64-bit hash: a copy of every message was a tenth of a long lint's time,
  // and two different messages of one rule at one line and column sharing a hash is
  // not a case worth that price.
  struct Key {
    const std::string* rule;  // in rule_ids_
    int line;
    int column;
    std::size_t message_hash;
    bool operator==(const Key& other) const {
      return rule == other.rule && line == other.line && column == other.column &&
             message_hash == other.message_hash;
    }
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const;
  };

  // `file` as it is shown; the last one is remembered (a unit's findings share a file).
  const std::string& shown(const std::string& file);

  const rules::FindingSink& sink_;
  std::string last_file_;   // the last finding's file as the unit named it...
  std::string last_shown_;  // ...and as it is shown
  std::set<std::string> rule_ids_;
  std::map<std::string, std::unordered_set<Key, KeyHash>> seen_;  // by shown file
};

}  // namespace migsafe::analyzer::lint
