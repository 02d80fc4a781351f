#include "rules/sql/identifier.hpp"

#include "rules/sql/scanner.hpp"

namespace migsafe::rules::sql {
namespace {

bool lower_letter_or_underscore(char c) { return (c >= 'a' && c <= 'z') || c == '_'; }

bool simple_characters(std::string_view name) {
  if (name.empty() || !lower_letter_or_underscore(name.front())) return false;
  for (char c : name) {
    if (!lower_letter_or_underscore(c) && !(c >= '0' && c <= '9') && c != '$') return false;
  }
  return true;
}

// The keyword category comes from the scanner of the parser in use, not from a copy of
// PostgreSQL's keyword list that could drift from it.
bool keyword_needing_quotes(std::string_view name) {
  const auto tokens = scan_tokens(std::string(name));
  if (!tokens || tokens->size() != 1) return true;
  const KeywordKind kind = tokens->front().keyword;
  return kind != KeywordKind::none && kind != KeywordKind::unreserved;
}

}  // namespace

std::string quote_identifier(std::string_view name) {
  if (simple_characters(name) && !keyword_needing_quotes(name)) return std::string(name);
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string quote_name(const QualifiedName& name) {
  const std::string bare = quote_identifier(name.name);
  return name.schema.empty() ? bare : quote_identifier(name.schema) + "." + bare;
}

std::string quote_identifiers(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + quote_identifier(name);
  return out;
}

std::string quote_literal(std::string_view text) {
  const bool backslash = text.find('\\') != std::string_view::npos;
  std::string out = backslash ? "E'" : "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  return out + "'";
}

}  // namespace migsafe::rules::sql
