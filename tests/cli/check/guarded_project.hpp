#pragma once

#include <filesystem>
#include <string>

namespace migsafe::testing {

// A copy of the reggie sample whose env.py connects where a test says, as projects met
// in the wild do: its own variable, a hard-coded URL, a second engine, a raw driver call.
struct GuardedProject {
  std::filesystem::path folder;  // holds alembic.ini; removed with the object
  int engine_line = 0;           // env.py line of create_engine(...)
  int connect_line = 0;          // env.py line of `with engine.connect()`

  // url_expression: Python for the engine's URL (e.g. `os.environ["APP_DATABASE_URL"]`).
  // after_migrations: Python run (indented by the helper) once the migrations ran.
  GuardedProject(const std::string& url_expression, const std::string& after_migrations = "");
  ~GuardedProject();
  GuardedProject(const GuardedProject&) = delete;
  GuardedProject& operator=(const GuardedProject&) = delete;
};

// A Python string literal of `text`.
std::string python_string(const std::string& text);

}  // namespace migsafe::testing
