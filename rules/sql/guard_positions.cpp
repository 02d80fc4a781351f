#include "rules/sql/guard_positions.hpp"

#include "rules/sql/text_case.hpp"

namespace migsafe::rules::sql {
namespace {

// Calls visit(i) for each token outside parentheses and brackets; stops when it returns
// true, and gives that index.
template <class Visit>
std::optional<std::size_t> find_at_top_level(const StatementEdit& edit, std::size_t from,
                                             Visit visit) {
  int depth = 0;
  for (std::size_t i = from; i < edit.size(); ++i) {
    const Token& token = edit.tokens()[i];
    if (is_char(token, '(') || is_char(token, '[')) ++depth;
    if (is_char(token, ')') || is_char(token, ']')) --depth;
    if (depth == 0 && visit(i)) return i;
  }
  return std::nullopt;
}

// The words of an object type as SQL spells them: "materialized view" -> MATERIALIZED
// VIEW. Object types whose facts name is not their SQL spelling ("tsconfiguration")
// then find no match, and get no guard.
std::vector<std::string> object_words(const std::string& object) {
  std::vector<std::string> words;
  std::size_t at = 0;
  while (at <= object.size()) {
    std::size_t blank = object.find(' ', at);
    if (blank == std::string::npos) blank = object.size();
    words.push_back(to_upper(object.substr(at, blank - at)));
    at = blank + 1;
  }
  return words;
}

}  // namespace

std::optional<std::size_t> after_words(const StatementEdit& edit, std::size_t at,
                                       const std::vector<std::string_view>& words) {
  if (!edit.keywords_at(at, words)) return std::nullopt;
  return at + words.size();
}

std::optional<std::size_t> after_create_keyword(const StatementEdit& edit,
                                                std::string_view keyword) {
  if (!edit.keyword_at(0, "CREATE")) return std::nullopt;
  // Only the head: the first "(" ends it.
  for (std::size_t i = 1; i < edit.size() && !is_char(edit.tokens()[i], '('); ++i) {
    if (!edit.keyword_at(i, keyword)) continue;
    if (keyword == "INDEX" && edit.keyword_at(i + 1, "CONCURRENTLY")) ++i;
    return i + 1;
  }
  return std::nullopt;
}

std::optional<std::size_t> after_alter_head(const StatementEdit& edit) {
  static const std::vector<std::vector<std::string_view>> heads = {
      {"ALTER", "TABLE"},
      {"ALTER", "INDEX"},
      {"ALTER", "SEQUENCE"},
      {"ALTER", "VIEW"},
      {"ALTER", "MATERIALIZED", "VIEW"},
      {"ALTER", "FOREIGN", "TABLE"}};
  for (const auto& head : heads) {
    if (auto at = after_words(edit, 0, head)) return at;
  }
  return std::nullopt;
}

std::vector<std::size_t> command_starts(const StatementEdit& edit) {
  std::optional<std::size_t> head = after_alter_head(edit);
  if (!head) return {};
  std::size_t at = *head;
  if (edit.keywords_at(at, {"IF", "EXISTS"})) at += 2;
  if (edit.keyword_at(at, "ONLY")) ++at;
  // The name: one token per part, parts joined by ".", then an optional "*".
  ++at;
  while (at + 1 < edit.size() && is_char(edit.tokens()[at], '.')) at += 2;
  if (at < edit.size() && is_char(edit.tokens()[at], '*')) ++at;
  if (at >= edit.size()) return {};
  std::vector<std::size_t> starts = {at};
  find_at_top_level(edit, at, [&](std::size_t i) {
    if (is_char(edit.tokens()[i], ',')) starts.push_back(i + 1);
    return false;
  });
  return starts;
}

std::optional<std::size_t> after_drop_head(const StatementEdit& edit, const std::string& object) {
  if (!edit.keyword_at(0, "DROP")) return std::nullopt;
  std::size_t at = 1;
  for (const std::string& word : object_words(object)) {
    if (!edit.keyword_at(at, word)) return std::nullopt;
    ++at;
  }
  if (object == "index" && edit.keyword_at(at, "CONCURRENTLY")) ++at;
  return at;
}

std::optional<std::size_t> after_add_value(const StatementEdit& edit) {
  auto add = find_at_top_level(edit, 0, [&](std::size_t i) {
    return edit.keywords_at(i, {"ADD", "VALUE"});
  });
  if (!add) return std::nullopt;
  return *add + 2;
}

std::optional<std::size_t> after_insert(const StatementEdit& edit) {
  auto insert =
      find_at_top_level(edit, 0, [&](std::size_t i) { return edit.keyword_at(i, "INSERT"); });
  if (!insert) return std::nullopt;
  return *insert + 1;
}

std::optional<std::size_t> before_returning(const StatementEdit& edit) {
  auto returning =
      find_at_top_level(edit, 0, [&](std::size_t i) { return edit.keyword_at(i, "RETURNING"); });
  return returning ? *returning : edit.size();
}

bool has_on_conflict(const StatementEdit& edit) {
  return find_at_top_level(edit, 0,
                           [&](std::size_t i) {
                             return edit.keywords_at(i, {"ON", "CONFLICT"});
                           })
      .has_value();
}

}  // namespace migsafe::rules::sql
