#include "rules/sql/statement_edit.hpp"

#include <limits>

namespace migsafe::rules::sql {

std::optional<StatementEdit> StatementEdit::of(std::string text) {
  auto tokens = scan_tokens(text);
  if (!tokens || tokens->empty()) return std::nullopt;
  return StatementEdit(std::move(text), std::move(*tokens));
}

bool StatementEdit::keyword_at(std::size_t i, std::string_view word) const {
  return i < tokens_.size() && is_keyword(text_, tokens_[i], word);
}

bool StatementEdit::keywords_at(std::size_t i, const std::vector<std::string_view>& words) const {
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (!keyword_at(i + k, words[k])) return false;
  }
  return true;
}

void StatementEdit::insert_before(std::size_t i, const std::string& words) {
  std::string& at = inserted_[i];
  at += at.empty() ? words : " " + words;
}

std::string StatementEdit::render(std::size_t limit, bool& shortened) const {
  shortened = false;
  const std::size_t last_insertion = inserted_.empty() ? 0 : inserted_.rbegin()->first;
  std::string out;
  auto separate = [&](bool blank) {
    if (!out.empty() && blank) out += ' ';
  };
  for (std::size_t i = 0; i <= tokens_.size(); ++i) {
    auto words = inserted_.find(i);
    if (words != inserted_.end()) {
      separate(true);
      out += words->second;
    }
    if (i == tokens_.size()) break;
    // Cut only after the token that follows the last guard (the name it guards).
    if (out.size() >= limit && i > last_insertion + 1) {
      shortened = true;
      break;
    }
    const Token& token = tokens_[i];
    // Blanks inside parentheses' edges never matter: "(id bigint)", not "( id bigint )".
    const bool gap = i > 0 && token.start > tokens_[i - 1].end && !is_char(tokens_[i - 1], '(') &&
                     !is_char(token, ')');
    separate(words != inserted_.end() || gap);
    out.append(text_, token.start, token.end - token.start);
  }
  return out;
}

std::string StatementEdit::render() const {
  bool shortened = false;
  return render(std::numeric_limits<std::size_t>::max(), shortened);
}

}  // namespace migsafe::rules::sql
