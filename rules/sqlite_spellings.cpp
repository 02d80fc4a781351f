#include "rules/sqlite_spellings.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "rules/sql/text_case.hpp"

namespace migsafe::rules {
namespace {

constexpr std::size_t none = std::string::npos;

// A bare word of the statement (keyword or unquoted name), outside quotes and comments.
struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string upper;
};

// What respelling needs to know of a statement, read once.
struct Scan {
  std::vector<Word> words;
  std::vector<std::size_t> top_level_commas;
  std::size_t first_group_begin = none;  // the first "(" outside any other
  std::size_t first_group_end = none;    // its ")"
};

bool starts_word(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }

bool continues_word(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$';
}

// The index of the quote closing the '...', "..." or `...` at `open` (a doubled quote
// stays inside), or npos when it is not closed.
std::size_t closing_quote(const std::string& text, std::size_t open) {
  const char quote = text[open];
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    if (text[i] != quote) continue;
    if (i + 1 < text.size() && text[i + 1] == quote) {
      ++i;
      continue;
    }
    return i;
  }
  return none;
}

std::size_t after_quoted(const std::string& text, std::size_t open) {
  const std::size_t close = closing_quote(text, open);
  return close == none ? text.size() : close + 1;
}

// `name` or [name] at `open` in double quotes instead; returns the index after it. A
// name that holds a double quote or a doubled backtick would change length: left as is.
std::size_t requote(std::string& text, std::size_t open) {
  const std::size_t end = text[open] == '[' ? text.find(']', open + 1) : closing_quote(text, open);
  if (end == none) return text.size();
  const std::string_view name(text.data() + open + 1, end - open - 1);
  if (name.find('"') == std::string_view::npos && name.find('`') == std::string_view::npos) {
    text[open] = '"';
    text[end] = '"';
  }
  return end + 1;
}

// Reads the words and the first parenthesised group, requoting `name` and [name] on the way.
Scan scan_and_requote(std::string& text) {
  Scan scan;
  int depth = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (c == '\'' || c == '"') {
      i = after_quoted(text, i);
    } else if (c == '`' || c == '[') {
      i = requote(text, i);
    } else if (c == '-' && next == '-') {
      i = std::min(text.find('\n', i), text.size());
    } else if (c == '/' && next == '*') {
      const std::size_t end = text.find("*/", i + 2);
      i = end == none ? text.size() : end + 2;
    } else if (starts_word(c)) {
      Word word{i, i, {}};
      while (word.end < text.size() && continues_word(text[word.end])) ++word.end;
      word.upper = sql::to_upper(text.substr(word.begin, word.end - word.begin));
      i = word.end;
      scan.words.push_back(std::move(word));
    } else if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      while (i < text.size() && continues_word(text[i])) ++i;  // 1e5 is no word "e5"
    } else {
      if (c == '(' && depth++ == 0 && scan.first_group_begin == none) scan.first_group_begin = i;
      if (c == ')' && --depth == 0 && scan.first_group_end == none) scan.first_group_end = i;
      if (c == ',' && depth == 0) scan.top_level_commas.push_back(i);
      ++i;
    }
  }
  return scan;
}

void blank(std::string& text, std::size_t begin, std::size_t end) {
  std::fill(text.begin() + begin, text.begin() + end, ' ');
}

bool is_conflict_action(const std::string& word) {
  return word == "ROLLBACK" || word == "ABORT" || word == "REPLACE" || word == "FAIL" ||
         word == "IGNORE";
}

// INSERT OR IGNORE, UPDATE OR REPLACE, ...: the statement without its conflict clause;
// REPLACE INTO as INSERT INTO.
void respell_conflict_clause(std::string& text, const std::vector<Word>& words) {
  if (words.size() < 2) return;
  const std::string& verb = words[0].upper;
  if ((verb == "INSERT" || verb == "UPDATE") && words.size() >= 3 && words[1].upper == "OR" &&
      is_conflict_action(words[2].upper)) {
    blank(text, words[1].begin, words[2].end);
  } else if (verb == "REPLACE" && words[1].upper == "INTO") {
    text.replace(words[0].begin, 7, "INSERT ");
  }
}

// CREATE TABLE t (...) WITHOUT ROWID, STRICT: the table options after the columns, when
// nothing else follows them (CREATE TABLE ... AS SELECT keeps its words).
void respell_table_options(std::string& text, const Scan& scan) {
  const auto& words = scan.words;
  if (words.empty() || words[0].upper != "CREATE" || scan.first_group_end == none) return;
  const bool names_a_table = std::any_of(words.begin(), words.end(), [&](const Word& w) {
    return w.upper == "TABLE" && w.begin < scan.first_group_begin;
  });
  if (!names_a_table) return;
  auto option = std::find_if(words.begin(), words.end(),
                             [&](const Word& w) { return w.begin > scan.first_group_end; });
  if (option == words.end()) return;
  for (auto w = option; w != words.end(); ++w) {
    const bool rowid = w->upper == "ROWID" && w != option && (w - 1)->upper == "WITHOUT";
    const bool without = w->upper == "WITHOUT" && w + 1 != words.end() && (w + 1)->upper == "ROWID";
    if (w->upper != "STRICT" && !rowid && !without) return;
  }
  for (auto w = option; w != words.end(); ++w) blank(text, w->begin, w->end);
  for (std::size_t comma : scan.top_level_commas) {
    if (comma > scan.first_group_end) text[comma] = ' ';
  }
}

}  // namespace

std::string respell_sqlite_for_postgres(std::string_view statement) {
  std::string text(statement);
  const Scan scan = scan_and_requote(text);
  for (const Word& word : scan.words) {
    if (word.upper == "AUTOINCREMENT") blank(text, word.begin, word.end);
  }
  respell_conflict_clause(text, scan.words);
  respell_table_options(text, scan);
  return text;
}

}  // namespace migsafe::rules
