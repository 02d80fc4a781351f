#include "analyzer/diff/normalize.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <unordered_map>

namespace migsafe::analyzer::diff {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}


bool is_number(const std::string& text) {
  static const std::regex number{R"(^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$)"};
  return std::regex_match(text, number);
}

// Replaces "=anyarray[a,b]" by "ina,b" (and "<>allarray[...]" by "notin...") in an
// already squeezed expression: PostgreSQL rewrites IN lists that way.
std::string rewrite_any_array(std::string text) {
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"=anyarray[", "in"},
                                 {"<>allarray[", "notin"}}) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
      int depth = 1;
      std::size_t i = at + from.size();
      for (; i < text.size() && depth > 0; ++i) {
        if (text[i] == '[') ++depth;
        if (text[i] == ']') --depth;
      }
      const std::string inner = text.substr(at + from.size(), i - 1 - at - from.size());
      text.replace(at, i - at, to + inner);
      at += to.size();
    }
  }
  return text;
}

// The diff normalises the same few spellings thousands of times; std::regex is slow.
template <typename F>
const std::string& memoized(std::unordered_map<std::string, std::string>& cache, const std::string& key, F compute) {
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, compute()).first;
  return it->second;
}

std::string normalize_type_uncached(const std::string& type, dbdrivers::Dialect dialect) {
  std::string t = collapse_spaces(lower(type));
  // Quotes around type names ("Weird"), spaces inside argument lists.
  t.erase(std::remove(t.begin(), t.end(), '"'), t.end());
  t = std::regex_replace(t, std::regex{R"(\s*([(),])\s*)"}, "$1");
  std::string suffix;
  while (t.size() > 2 && t.compare(t.size() - 2, 2, "[]") == 0) {
    suffix += "[]";
    t.resize(t.size() - 2);
  }
  if (t.rfind("_", 0) == 0 && dialect == dbdrivers::Dialect::postgresql) {
    // udt names of arrays: _int4
    suffix += "[]";
    t.erase(0, 1);
  }
  std::string base = t;
  std::string args;
  const auto paren = t.find('(');
  if (paren != std::string::npos) {
    base = t.substr(0, paren);
    args = t.substr(paren);
    // "timestamp(6) with time zone": keep the words after the arguments in the base.
    const auto close = args.find(')');
    if (close != std::string::npos && close + 1 < args.size()) {
      base += args.substr(close + 1);
      args = args.substr(0, close + 1);
    }
  }
  static const std::map<std::string, std::string> synonyms = {
      {"character varying", "varchar"}, {"char varying", "varchar"},
      {"character", "char"},            {"bpchar", "char"},
      {"int", "integer"},               {"int4", "integer"},
      {"serial", "integer"},            {"serial4", "integer"},
      {"int8", "bigint"},               {"bigserial", "bigint"},
      {"serial8", "bigint"},            {"int2", "smallint"},
      {"smallserial", "smallint"},      {"serial2", "smallint"},
      {"float8", "double precision"},   {"double", "double precision"},
      {"float4", "real"},               {"bool", "boolean"},
      {"decimal", "numeric"},           {"timestamp without time zone", "timestamp"},
      {"timestamp with time zone", "timestamptz"},
      {"time without time zone", "time"},
      {"time with time zone", "timetz"},
      {"varbit", "bit varying"},
  };
  if (auto it = synonyms.find(base); it != synonyms.end()) base = it->second;
  if (dialect == dbdrivers::Dialect::postgresql) {
    if (base == "float") {
      // FLOAT(p): p <= 24 is real, anything else double precision.
      int precision = 53;
      if (args.size() > 2) precision = std::atoi(args.c_str() + 1);
      base = precision <= 24 ? "real" : "double precision";
      args.clear();
    }
    if (base == "char" && args.empty()) args = "(1)";
    if (base == "bit" && args.empty()) args = "(1)";
  }
  return base + args + suffix;
}

std::string normalize_expression_uncached(const std::string& expression) {
  // Casts: ::integer, ::character varying(20), ::timestamp with time zone, ::"Weird"[] ...
  static const std::regex cast{
      R"(::\s*("[^"]*"|[A-Za-z_][A-Za-z0-9_$.]*)(\s+(varying|precision|with|without|time|zone))*)"
      R"((\s*\(\s*\d+(\s*,\s*\d+)?\s*\))?(\s*\[\s*\])*)",
      std::regex::icase};
  static const std::regex now{R"(\b(now|transaction_timestamp)\s*\(\s*\))", std::regex::icase};
  // PostgreSQL stores "x BETWEEN a AND b" as "x >= a AND x <= b".
  static const std::regex between{
      R"(("[^"]+"|[A-Za-z_][A-Za-z0-9_.]*(?:\([^()]*\))?)\s+between\s+([^\s()]+)\s+and\s+([^\s()]+))",
      std::regex::icase};
  std::string text = std::regex_replace(expression, cast, "");
  text = std::regex_replace(text, now, "current_timestamp");
  text = std::regex_replace(text, between, "$1 >= $2 AND $1 <= $3");

  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\'') {
      std::size_t j = i + 1;
      std::string literal;
      while (j < text.size()) {
        if (text[j] == '\'') {
          if (j + 1 < text.size() && text[j + 1] == '\'') {
            literal += "''";
            j += 2;
            continue;
          }
          break;
        }
        literal += text[j++];
      }
      // '1' and 1, 'true' and true: PostgreSQL folds such literals into the column type.
      const std::string folded = lower(literal);
      if (is_number(literal))
        out += literal;
      else if (folded == "true" || folded == "false")
        out += folded;
      else
        out += "'" + literal + "'";
      i = j;
    } else if (c == '"' || c == '(' || c == ')' || std::isspace(static_cast<unsigned char>(c))) {
      continue;
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  // != and <> are the same operator; PostgreSQL prints <>.
  for (std::size_t at = out.find("!="); at != std::string::npos; at = out.find("!=", at)) out.replace(at, 2, "<>");
  return rewrite_any_array(out);
}

}  // namespace

std::string collapse_spaces(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string normalize_type(const std::string& type, dbdrivers::Dialect dialect) {
  thread_local std::unordered_map<std::string, std::string> cache[2];
  return memoized(cache[dialect == dbdrivers::Dialect::sqlite ? 1 : 0], type,
                  [&] { return normalize_type_uncached(type, dialect); });
}

std::string normalize_expression(const std::string& expression) {
  thread_local std::unordered_map<std::string, std::string> cache;
  return memoized(cache, expression, [&] { return normalize_expression_uncached(expression); });
}

std::string normalize_name(const std::string& name, dbdrivers::Dialect dialect) {
  if (dialect == dbdrivers::Dialect::sqlite) return lower(name);
  if (name.size() <= 63) return name;
  // PostgreSQL cuts at 63 bytes, never inside a UTF-8 character.
  std::size_t cut = 63;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  return name.substr(0, cut);
}

std::string normalize_fk_action(const std::string& action) {
  std::string out = collapse_spaces(action);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out == "NO ACTION" ? std::string{} : out;
}

}  // namespace migsafe::analyzer::diff
