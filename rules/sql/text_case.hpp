#pragma once

#include <algorithm>
#include <cctype>
#include <string>

// ASCII case folding, as PostgreSQL folds unquoted identifiers and keywords.
namespace migsafe::rules::sql {

inline std::string to_lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

inline std::string to_upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

}  // namespace migsafe::rules::sql
