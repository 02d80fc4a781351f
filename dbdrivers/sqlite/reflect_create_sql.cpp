#include "dbdrivers/sqlite/reflect_create_sql.hpp"

#include <algorithm>
#include <cctype>

namespace migsafe::dbdrivers::sqlite {
namespace {

struct Token {
  std::string text;
  std::size_t begin = 0;  // byte offsets into the statement
  std::size_t end = 0;
};

// Words, quoted strings/identifiers and single punctuation characters; comments and
// white space dropped. Offsets let callers cut expressions verbatim from the source.
std::vector<Token> tokenize(const std::string& sql) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  const std::size_t n = sql.size();
  while (i < n) {
    const char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      while (i < n && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      const std::size_t close = sql.find("*/", i + 2);
      i = close == std::string::npos ? n : close + 2;
    } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
      const char close = c == '[' ? ']' : c;
      std::size_t j = i + 1;
      while (j < n) {
        if (sql[j] == close) {
          if (close != ']' && j + 1 < n && sql[j + 1] == close) {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      const std::size_t end = std::min(j + 1, n);
      tokens.push_back({sql.substr(i, end - i), i, end});
      i = end;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
               static_cast<unsigned char>(c) >= 0x80) {
      std::size_t j = i;
      while (j < n && (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '_' ||
                       sql[j] == '$' || sql[j] == '.' || static_cast<unsigned char>(sql[j]) >= 0x80))
        ++j;
      tokens.push_back({sql.substr(i, j - i), i, j});
      i = j;
    } else {
      tokens.push_back({std::string(1, c), i, i + 1});
      ++i;
    }
  }
  return tokens;
}

bool is(const Token& token, const char* word) {
  const std::string w = word;
  if (token.text.size() != w.size()) return false;
  for (std::size_t i = 0; i < w.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(token.text[i])) != w[i]) return false;
  return true;
}

// Index of the ')' matching the '(' at `open`, or tokens.size().
std::size_t matching(const std::vector<Token>& tokens, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < tokens.size(); ++i) {
    if (tokens[i].text == "(") ++depth;
    if (tokens[i].text == ")" && --depth == 0) return i;
  }
  return tokens.size();
}

std::string between(const std::string& sql, const std::vector<Token>& tokens, std::size_t open,
                    std::size_t close) {
  if (close >= tokens.size() || open + 1 >= close) return {};
  return sql.substr(tokens[open + 1].begin, tokens[close - 1].end - tokens[open + 1].begin);
}

// Top-level comma-separated items of the parenthesised group starting at `open`:
// [first token, one past last token) pairs.
std::vector<std::pair<std::size_t, std::size_t>> split_items(const std::vector<Token>& tokens,
                                                             std::size_t open) {
  std::vector<std::pair<std::size_t, std::size_t>> items;
  const std::size_t close = matching(tokens, open);
  std::size_t start = open + 1;
  int depth = 0;
  for (std::size_t i = open + 1; i < close; ++i) {
    if (tokens[i].text == "(") ++depth;
    if (tokens[i].text == ")") --depth;
    if (depth == 0 && tokens[i].text == ",") {
      items.emplace_back(start, i);
      start = i + 1;
    }
  }
  if (start < close) items.emplace_back(start, close);
  return items;
}

std::vector<std::string> name_list(const std::vector<Token>& tokens, std::size_t open) {
  std::vector<std::string> names;
  for (const auto& [first, last] : split_items(tokens, open)) {
    if (first < last) names.push_back(unquote(tokens[first].text));
  }
  return names;
}

void read_deferrable(const std::vector<Token>& tokens, std::size_t from, std::size_t to,
                     CreateTableParts::Named& fk) {
  for (std::size_t i = from; i < to; ++i) {
    if (is(tokens[i], "DEFERRABLE") && !(i > from && is(tokens[i - 1], "NOT"))) fk.deferrable = true;
    if (is(tokens[i], "DEFERRED") && i > from && is(tokens[i - 1], "INITIALLY"))
      fk.initially_deferred = true;
  }
}

void parse_table_constraint(const std::string& sql, const std::vector<Token>& tokens,
                            std::size_t first, std::size_t last, CreateTableParts& parts) {
  std::string name;
  std::size_t i = first;
  if (is(tokens[i], "CONSTRAINT") && i + 1 < last) {
    name = unquote(tokens[i + 1].text);
    i += 2;
  }
  if (i >= last) return;
  auto next_paren = [&](std::size_t from) {
    while (from < last && tokens[from].text != "(") ++from;
    return from;
  };
  if (is(tokens[i], "CHECK")) {
    const std::size_t open = next_paren(i);
    parts.checks.push_back({name, between(sql, tokens, open, matching(tokens, open))});
  } else if (is(tokens[i], "UNIQUE")) {
    parts.uniques.push_back({name, name_list(tokens, next_paren(i))});
  } else if (is(tokens[i], "PRIMARY")) {
    parts.primary_key = CreateTableParts::Named{name, name_list(tokens, next_paren(i))};
  } else if (is(tokens[i], "FOREIGN")) {
    CreateTableParts::Named fk{name, name_list(tokens, next_paren(i))};
    read_deferrable(tokens, i, last, fk);
    parts.foreign_keys.push_back(std::move(fk));
  }
}

void parse_column(const std::string& sql, const std::vector<Token>& tokens, std::size_t first,
                  std::size_t last, CreateTableParts& parts) {
  const std::string column = unquote(tokens[first].text);
  std::string name;
  for (std::size_t i = first + 1; i < last; ++i) {
    if (tokens[i].text == "(") {
      i = matching(tokens, i);  // type arguments such as VARCHAR(20)
      continue;
    }
    if (is(tokens[i], "CONSTRAINT") && i + 1 < last) {
      name = unquote(tokens[++i].text);
      continue;
    }
    if (is(tokens[i], "CHECK") && i + 1 < last && tokens[i + 1].text == "(") {
      const std::size_t close = matching(tokens, i + 1);
      parts.checks.push_back({name, between(sql, tokens, i + 1, close)});
      name.clear();
      i = close;
    } else if (is(tokens[i], "AS") && i + 1 < last && tokens[i + 1].text == "(") {
      const std::size_t close = matching(tokens, i + 1);
      parts.generated[column] = between(sql, tokens, i + 1, close);
      i = close;
    } else if (is(tokens[i], "COLLATE") && i + 1 < last) {
      parts.collations[column] = unquote(tokens[++i].text);
    } else if (is(tokens[i], "UNIQUE")) {
      parts.uniques.push_back({name, {column}});
      name.clear();
    } else if (is(tokens[i], "PRIMARY")) {
      parts.primary_key = CreateTableParts::Named{name, {column}};
      name.clear();
    } else if (is(tokens[i], "REFERENCES")) {
      CreateTableParts::Named fk{name, {column}};
      read_deferrable(tokens, i, last, fk);
      parts.foreign_keys.push_back(std::move(fk));
      name.clear();
    } else if (is(tokens[i], "DEFAULT") && i + 1 < last && tokens[i + 1].text == "(") {
      i = matching(tokens, i + 1);
    }
  }
}

}  // namespace

std::string unquote(const std::string& identifier) {
  if (identifier.size() < 2) return identifier;
  const char open = identifier.front();
  const char close = identifier.back();
  if (!((open == '"' && close == '"') || (open == '`' && close == '`') ||
        (open == '[' && close == ']') || (open == '\'' && close == '\'')))
    return identifier;
  std::string out;
  for (std::size_t i = 1; i + 1 < identifier.size(); ++i) {
    out += identifier[i];
    if (open != '[' && identifier[i] == close && identifier[i + 1] == close) ++i;
  }
  return out;
}

CreateTableParts parse_create_table(const std::string& sql) {
  CreateTableParts parts;
  const auto tokens = tokenize(sql);
  auto open = std::find_if(tokens.begin(), tokens.end(), [](const Token& t) { return t.text == "("; });
  if (open == tokens.end()) return parts;
  const std::size_t open_index = static_cast<std::size_t>(open - tokens.begin());
  for (const auto& [first, last] : split_items(tokens, open_index)) {
    if (first >= last) continue;
    const Token& head = tokens[first];
    if (is(head, "CONSTRAINT") || is(head, "CHECK") || is(head, "UNIQUE") ||
        is(head, "FOREIGN") || (is(head, "PRIMARY") && first + 1 < last && is(tokens[first + 1], "KEY")))
      parse_table_constraint(sql, tokens, first, last, parts);
    else
      parse_column(sql, tokens, first, last, parts);
  }
  return parts;
}

CreateIndexParts parse_create_index(const std::string& sql) {
  CreateIndexParts parts;
  const auto tokens = tokenize(sql);
  std::size_t on = 0;
  while (on < tokens.size() && !is(tokens[on], "ON")) ++on;
  std::size_t open = on;
  while (open < tokens.size() && tokens[open].text != "(") ++open;
  if (open >= tokens.size()) return parts;
  for (const auto& [first, last] : split_items(tokens, open)) {
    if (first >= last) continue;
    std::size_t end = last;
    // Drop trailing ASC/DESC and COLLATE x: the ordering comes from pragma_index_xinfo.
    if (end - first > 1 && (is(tokens[end - 1], "ASC") || is(tokens[end - 1], "DESC"))) --end;
    if (end - first > 2 && is(tokens[end - 2], "COLLATE")) end -= 2;
    if (end - first == 1) {
      parts.elements.push_back(unquote(tokens[first].text));
    } else {
      parts.elements.push_back(sql.substr(tokens[first].begin, tokens[end - 1].end - tokens[first].begin));
    }
  }
  const std::size_t close = matching(tokens, open);
  for (std::size_t i = close; i < tokens.size(); ++i) {
    if (is(tokens[i], "WHERE") && i + 1 < tokens.size()) {
      std::string where = sql.substr(tokens[i + 1].begin);
      while (!where.empty() && (std::isspace(static_cast<unsigned char>(where.back())) || where.back() == ';'))
        where.pop_back();
      parts.where = where;
      break;
    }
  }
  return parts;
}

}  // namespace migsafe::dbdrivers::sqlite
