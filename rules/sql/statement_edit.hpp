#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/sql/scanner.hpp"

// A statement's own text with words spliced in between its tokens: a suggested fix keeps
// every name, literal and expression exactly as the user wrote it, quotes included.
namespace migsafe::rules::sql {

class StatementEdit {
 public:
  // nullopt when PostgreSQL's scanner rejects the text.
  static std::optional<StatementEdit> of(std::string text);

  const std::string& text() const { return text_; }
  const std::vector<Token>& tokens() const { return tokens_; }
  std::size_t size() const { return tokens_.size(); }
  // Whether token i is the keyword `word` (upper case); false past the end.
  bool keyword_at(std::size_t i, std::string_view word) const;
  // Whether tokens from i are the keywords `words`, in order.
  bool keywords_at(std::size_t i, const std::vector<std::string_view>& words) const;

  // Words to put before token i (i == size(): at the end).
  void insert_before(std::size_t i, const std::string& words);
  bool changed() const { return !inserted_.empty(); }

  // The edited statement on one line: tokens joined by one blank where the text had
  // blanks or comments between them. Past `limit` characters, and once every insertion
  // is out, the rest is cut at a token boundary and `shortened` is set.
  std::string render(std::size_t limit, bool& shortened) const;
  std::string render() const;

 private:
  StatementEdit(std::string text, std::vector<Token> tokens)
      : text_(std::move(text)), tokens_(std::move(tokens)) {}

  std::string text_;
  std::vector<Token> tokens_;
  std::map<std::size_t, std::string> inserted_;  // by the token they go before
};

}  // namespace migsafe::rules::sql
