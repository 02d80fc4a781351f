#include "model/dialect.hpp"

namespace migsafe::model {

std::string_view dialect_name(Dialect dialect) {
  switch (dialect) {
    case Dialect::postgresql:
      return "postgresql";
    case Dialect::sqlite:
      return "sqlite";
  }
  return "postgresql";  // not reached: the switch covers every dialect
}

std::optional<Dialect> parse_dialect(std::string_view name) {
  if (name == "postgresql" || name == "postgres") return Dialect::postgresql;
  if (name == "sqlite") return Dialect::sqlite;
  return std::nullopt;
}

std::optional<Dialect> dialect_of_url(std::string_view url) {
  const std::size_t colon = url.find("://");
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view scheme = url.substr(0, colon);
  // SQLAlchemy names the driver after a "+": postgresql+psycopg2, sqlite+pysqlite.
  if (const std::size_t plus = scheme.find('+'); plus != std::string_view::npos) {
    if (plus + 1 == scheme.size()) return std::nullopt;
    scheme = scheme.substr(0, plus);
  }
  return parse_dialect(scheme);
}

}  // namespace migsafe::model
