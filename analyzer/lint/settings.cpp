#include "analyzer/lint/settings.hpp"

#include "model/dialect.hpp"

namespace migsafe::analyzer::lint {

std::optional<rules::Dialect> dialect_of_db_option(const std::string& db) {
  if (db == "docker") return rules::Dialect::postgresql;
  if (auto dialect = model::parse_dialect(db)) return dialect;
  return model::dialect_of_url(db);
}

}  // namespace migsafe::analyzer::lint
