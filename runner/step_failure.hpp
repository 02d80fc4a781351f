#pragma once

#include <string>

#include "runner/step_kind.hpp"

namespace migsafe::runner {

// What made a step fail, as the known-failures table matches it and fills its texts.
struct StepFailure {
  std::string step;  // the step's name
  StepKind kind = StepKind::command;
  std::string reason;   // the step's code: "exit-code", "timeout", "capture-empty",
                        // "status", "body", "unreachable", "migration-error",
                        // "several-heads", "url-missing", "database-error", "usage"
  std::string summary;  // one line: "exited with 1", "GET /health answered 503 (expected 200)"
  std::string detail;   // the output's last lines, the answer's body, the database's error
  std::string command;  // command steps: the argv joined by spaces (secrets masked)
  int status = 0;       // smoke: the HTTP status answered, 0 for none
  std::string path;     // smoke: the request path
  std::string revision;   // migrate: the revision that failed
  std::string file;       // migrate: its file
  int line = 0;           // migrate: the op.* call
  std::string statement;  // migrate: the SQL the database rejected
  std::string url_env;    // migrate: the variable holding the database URL
  std::string hint;       // how to fix it, when migsafe knows (a model::Error's fix)
};

}  // namespace migsafe::runner
