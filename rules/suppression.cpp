#include "rules/suppression.hpp"

#include <cctype>

#include "rules/registry.hpp"

namespace migsafe::rules {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  return s;
}

bool covers(const Suppression& s, const model::Finding& f) {
  if (f.location.file != s.where.file) return false;
  return s.file_wide || (f.location.line >= s.first_line && f.location.line <= s.last_line);
}

model::Finding warning(const Suppression& s, std::string rule, std::string message,
                       std::string help) {
  model::Finding f;
  f.check = "lint";
  f.proven = false;
  f.rule = std::move(rule);
  f.severity = model::Severity::warning;
  f.message = std::move(message);
  f.help = std::move(help);
  f.location = s.where;
  return f;
}

}  // namespace

std::optional<IgnoreDirective> parse_ignore_directive(std::string_view comment) {
  comment = trim(comment);
  IgnoreDirective out;
  if (comment.rfind("migsafe:ignore-file", 0) == 0) {
    out.file_wide = true;
    comment.remove_prefix(std::string_view("migsafe:ignore-file").size());
  } else if (comment.rfind("migsafe:ignore", 0) == 0) {
    comment.remove_prefix(std::string_view("migsafe:ignore").size());
  } else {
    return std::nullopt;
  }
  if (!comment.empty() && std::isspace(static_cast<unsigned char>(comment.front())) == 0) {
    return std::nullopt;  // migsafe:ignored, migsafe:ignore-files...
  }
  std::string name;
  auto flush = [&] {
    if (!name.empty()) out.rules.push_back(name);
    name.clear();
  };
  for (char c : comment) {
    if (c == ',' || std::isspace(static_cast<unsigned char>(c)) != 0) {
      flush();
    } else {
      name += c;
    }
  }
  flush();
  return out;
}

SuppressionOutcome judge_suppressions(const std::vector<model::Finding>& findings,
                                      const std::vector<Suppression>& suppressions,
                                      const std::function<bool(std::string_view)>& ran) {
  SuppressionOutcome outcome;
  outcome.silenced.assign(findings.size(), false);
  std::vector<model::Finding>& notes = outcome.warnings;
  for (const Suppression& s : suppressions) {
    if (s.rules.empty()) {
      notes.push_back(
          warning(s, std::string(unknown_rule_id), "migsafe:ignore names no rule",
                  "write the rule ids to ignore: -- migsafe:ignore <rule-id>[, <rule-id>]"));
    }
    for (const std::string& written : s.rules) {
      const auto id = resolve_rule_id(written);
      if (!id) {
        notes.push_back(warning(s, std::string(unknown_rule_id),
                                "migsafe:ignore names unknown rule \"" + written + "\"",
                                "`migsafe rules` lists the rule ids"));
        continue;
      }
      bool used = false;
      for (std::size_t i = 0; i < findings.size(); ++i) {
        if (findings[i].rule == *id && covers(s, findings[i])) {
          outcome.silenced[i] = true;
          used = true;
        }
      }
      if (!used && ran(*id)) {
        notes.push_back(warning(s, std::string(unused_ignore_id),
                                "migsafe:ignore " + written + " suppresses nothing" +
                                    (s.file_wide ? " in this file" : " on the statement after it"),
                                "remove the ignore comment, or move it to the line before the "
                                "statement it is meant for"));
      }
    }
  }
  return outcome;
}

std::vector<model::Finding> apply_suppressions(std::vector<model::Finding> findings,
                                               const std::vector<Suppression>& suppressions,
                                               const std::function<bool(std::string_view)>& ran) {
  SuppressionOutcome outcome = judge_suppressions(findings, suppressions, ran);
  // Compact in place: a long script can have many findings.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (outcome.silenced[i]) continue;
    if (kept != i) findings[kept] = std::move(findings[i]);
    ++kept;
  }
  findings.resize(kept);
  for (model::Finding& note : outcome.warnings) findings.push_back(std::move(note));
  return findings;
}

}  // namespace migsafe::rules
