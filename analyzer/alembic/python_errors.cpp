#include "analyzer/alembic/python_errors.hpp"

#include <string>

#include "analyzer/alembic/project.hpp"
#include "dbdrivers/database_url.hpp"
#include "model/error.hpp"

namespace migsafe::analyzer::alembic {

namespace py = pybind11;

namespace {

std::string text(const py::handle& error, const char* name) {
  py::object value = error.attr(name);
  return value.is_none() ? std::string() : dbdrivers::mask_passwords(py::str(value));
}

int number(const py::handle& error, const char* name) {
  py::object value = error.attr(name);
  return value.is_none() ? 0 : value.cast<int>();
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

void throw_migsafe_error(py::error_already_set& error, const std::string& context) {
  py::object bridge_error = py::module_::import("migsafe_bridge").attr("BridgeError");
  if (!error.matches(bridge_error)) {
    // The bridge wraps every exception it sees; this is one of its own bugs, or an
    // exception raised before it was reached. Keep it short, but keep it.
    const std::string what = dbdrivers::mask_passwords(first_line(error.what()));
    throw model::InputError(context + ": " + what,
                            "run with -v for details; report it if the project runs under "
                            "`/usr/bin/python3 -m alembic`");
  }
  py::object value = error.value();
  const std::string kind = py::str(value.attr("kind"));
  const std::string message = text(value, "message");
  const std::string fix = text(value, "fix");
  if (kind == "migration") {
    throw MigrationError(message, text(value, "revision"), text(value, "file"),
                         number(value, "line"), text(value, "statement"),
                         text(value, "database_error"), number(value, "column"));
  }
  if (kind == "environment") throw model::EnvironmentError(message, fix);
  throw model::InputError(message, fix);
}

}  // namespace migsafe::analyzer::alembic
