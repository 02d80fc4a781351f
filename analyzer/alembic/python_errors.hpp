#pragma once

// Internal to analyzer/alembic: the only place pybind11 exceptions become migsafe's.
#include <pybind11/pybind11.h>

namespace migsafe::analyzer::alembic {

// Turns a Python exception into migsafe's error types: migsafe_bridge.BridgeError by its
// kind ("input" -> model::InputError, "environment" -> model::EnvironmentError,
// "migration" -> MigrationError), anything else into model::InputError. Passwords in
// URLs are masked. Call it inside a catch block, holding the GIL.
[[noreturn]] void throw_migsafe_error(pybind11::error_already_set& error,
                                      const std::string& context);

}  // namespace migsafe::analyzer::alembic
