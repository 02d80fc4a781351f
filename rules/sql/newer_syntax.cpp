#include "rules/sql/newer_syntax.hpp"

#include <regex>
#include <string>

#include "rules/sql/text_case.hpp"

namespace migsafe::rules::sql {

bool looks_like_newer_syntax(std::string_view statement) {
  const std::string upper = to_upper(std::string(statement));
  static const char* const markers[] = {
      "JSON_OBJECT", "JSON_ARRAY",      "JSON_TABLE",       "JSON_EXISTS",
      "JSON_QUERY",  "JSON_VALUE",      "JSON_SERIALIZE",   "JSON_SCALAR",
      "IS JSON",     "IS NOT JSON",     "SET EXPRESSION",   "SYSTEM_USER",
      "MAINTAIN",    "SPLIT PARTITION", "MERGE PARTITIONS", "WITH (STORAGE"};
  for (const char* marker : markers) {
    if (upper.find(marker) != std::string::npos) return true;
  }
  if (upper.rfind("MERGE", 0) == 0 && upper.find("RETURNING") != std::string::npos) return true;
  // 0x1F, 0o17, 0b101 and 1_000_000 literals (PG16).
  static const std::regex literal(R"((^|[^A-Z0-9_$])(0[XOB][0-9A-F_]+|[0-9]+_[0-9_]+)\b)");
  return std::regex_search(upper, literal);
}

}  // namespace migsafe::rules::sql
