#pragma once

#include <stdexcept>
#include <string>

namespace migsafe::model {

// An error a user can act on: what went wrong and how to fix it. The CLI prints both
// and exits 2. Third-party exceptions (pqxx, SQLiteCpp, pybind11) are turned into one
// of these at the edge of the component that uses the library.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what, std::string fix = {})
      : std::runtime_error(what), fix_(std::move(fix)) {}
  const std::string& fix() const { return fix_; }

 private:
  std::string fix_;
};

// The command line or a config file is wrong.
class UsageError : public Error {
  using Error::Error;
};

// The project given is broken: no alembic.ini, a revision that does not import, ...
class InputError : public Error {
  using Error::Error;
};

// The machine is not ready: no PostgreSQL binaries, an unreachable server, ...
class EnvironmentError : public Error {
  using Error::Error;
};

}  // namespace migsafe::model
