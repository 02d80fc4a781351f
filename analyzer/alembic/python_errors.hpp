#pragma once

// Internal to analyzer/alembic: the only place Python exceptions become migsafe's.
#include <string>

#include "analyzer/alembic/python/api.hpp"

namespace migsafe::analyzer::alembic {

// Turns a Python exception into migsafe's error types: migsafe_bridge.BridgeError by its
// kind ("input" -> model::InputError, "environment" -> model::EnvironmentError,
// "migration" -> MigrationError), anything else into model::InputError. Passwords in
// URLs are masked. `context` says what migsafe was doing.
[[noreturn]] void throw_migsafe_error(const python::PythonError& error, const std::string& context);

}  // namespace migsafe::analyzer::alembic
