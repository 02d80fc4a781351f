#include "analyzer/lint/settings.hpp"

namespace migsafe::analyzer::lint {

namespace {

bool starts_with(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace

std::optional<rules::Dialect> dialect_of_db_option(const std::string& db) {
  if (db == "sqlite" || starts_with(db, "sqlite:") || starts_with(db, "sqlite+"))
    return rules::Dialect::sqlite;
  if (db == "postgres" || db == "postgresql" || db == "docker" || starts_with(db, "postgres"))
    return rules::Dialect::postgresql;
  return std::nullopt;
}

rules::Dialect dialect_of_url(const std::string& url) {
  return starts_with(url, "sqlite") ? rules::Dialect::sqlite : rules::Dialect::postgresql;
}

}  // namespace migsafe::analyzer::lint
