#pragma once

#include <optional>
#include <string_view>

namespace migsafe::model {

// The SQL dialects migsafe lints, migrates and reflects. Every layer names them through
// this header, so a dialect's spelling and its URL schemes live in one place.
enum class Dialect { postgresql, sqlite };

// "postgresql" or "sqlite": the name SQLAlchemy gives the dialect, and the one reports,
// JSON output and the Python bridge use.
std::string_view dialect_name(Dialect dialect);

// A dialect named on the command line or in a config file: "postgresql", "postgres" or
// "sqlite" (exact spelling). nullopt for any other name.
std::optional<Dialect> parse_dialect(std::string_view name);

// The dialect of a SQLAlchemy or libpq URL: postgresql://, postgresql+driver://,
// postgres://, sqlite://, sqlite+driver://. nullopt for any other scheme, and for text
// that is not a URL at all.
std::optional<Dialect> dialect_of_url(std::string_view url);

}  // namespace migsafe::model
