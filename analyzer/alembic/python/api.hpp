#pragma once

// The seam between migsafe and libmigsafe_python.so, the half of the Alembic bridge that
// embeds Python. Only analyzer/alembic/python/ includes pybind11 and links libpython; the
// binary loads the library with dlopen when the first alembic::Project is made
// (analyzer/alembic/python_library.cpp), so commands that need no Python (--version,
// rules, lint of .sql files) never map libpython and never pay for its relocations.
//
// The library exports one C symbol, api_symbol, answering the table below. Both sides are
// built from the same tree; api_version tells a library from another build.

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "analyzer/alembic/interpreter.hpp"

namespace migsafe::analyzer::alembic::python {

// Bump it whenever anything in this header changes.
constexpr int api_version = 4;
constexpr const char* api_symbol = "migsafe_python_api";
constexpr const char* library_name = "libmigsafe_python.so";

// A Python exception raised by a verb. analyzer/alembic/python_errors.cpp turns it into
// migsafe's error types, outside the library.
class PythonError : public std::runtime_error {
 public:
  PythonError(const std::string& what, std::string bridge_error)
      : std::runtime_error(what), bridge_error(std::move(bridge_error)) {}

  // migsafe_bridge.errors.BridgeError.to_json(); empty when the exception is not a
  // BridgeError (then what() is Python's text for it).
  std::string bridge_error;
};

// A migsafe_bridge.session.Session (docs/bridge.md): one method per verb. The verbs that
// answer JSON return its text, which analyzer/alembic/bridge_replies.cpp parses. Every
// method takes the GIL and throws PythonError for a Python exception.
class Session {
 public:
  virtual ~Session() = default;

  virtual std::string configured_url() const = 0;
  virtual void use_database(const std::string& url, bool scratch) = 0;
  virtual std::string heads() const = 0;
  virtual std::string revisions() const = 0;
  virtual std::string current() const = 0;
  virtual void upgrade(const std::string& target) = 0;
  virtual void downgrade(const std::string& target) = 0;
  virtual void stamp(const std::string& target) = 0;
  virtual void stamp(const std::vector<std::string>& targets) = 0;
  virtual void replay(const std::string& target, const std::vector<std::string>& parents,
                      const std::string& then) = 0;
  virtual void downgrade_one(const std::string& revision) = 0;
  virtual void start_recording() = 0;
  virtual std::string take_recorded() = 0;
  virtual std::string offline_sql(const std::string& from, const std::string& to,
                                  const std::string& dialect_url, bool keep_going) const = 0;
  virtual void run_seed(const std::string& spec) = 0;
  virtual std::string settings() const = 0;
  virtual std::string has_models(const std::string& dialect) const = 0;
  virtual std::string prepare_export(const std::string& request) const = 0;
  virtual std::string export_models(const std::string& request) const = 0;
};

// What the library offers; interpreter.hpp documents the first three.
struct Api {
  int version;  // api_version of the library's build
  const InterpreterInfo& (*start_interpreter)(PrintWarnings print);
  bool (*interpreter_started)();
  void (*stop_interpreter)();
  // Opens the session of an alembic.ini (absolute path) in the started interpreter.
  // step_timeout: seconds one migration step may run, 0 for no limit.
  std::unique_ptr<Session> (*open_session)(const std::string& ini, const std::string& url_env_var,
                                           bool verbose, double step_timeout);
};

}  // namespace migsafe::analyzer::alembic::python

// Defined in libmigsafe_python.so (analyzer/alembic/python/session.cpp).
extern "C" const migsafe::analyzer::alembic::python::Api* migsafe_python_api();
