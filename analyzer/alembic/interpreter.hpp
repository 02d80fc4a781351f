#pragma once

#include <string>
#include <vector>

namespace migsafe::analyzer::alembic {

// What the embedded interpreter turned out to be.
struct InterpreterInfo {
  std::string version;     // "3.11.2"
  std::string prefix;      // sys.prefix: "/usr" whatever PATH, pyenv or PYTHONHOME say
  std::string virtualenv;  // $VIRTUAL_ENV whose site-packages were added, else empty
  // Things the user should know, e.g. a virtualenv of another Python version that was
  // ignored. start_interpreter() prints each once to stderr as "migsafe: warning: ...".
  std::vector<std::string> warnings;
};

enum class PrintWarnings { yes, no };

// Starts Debian's Python (/usr/bin/python3's runtime) in this process, once: later calls
// return the same info. PYTHONPATH is honoured as python3 honours it; otherwise it is
// isolated, so PATH, pyenv and PYTHONHOME cannot swap in another interpreter; an active virtualenv of the same minor version is added
// on purpose, one of another version is reported in `warnings` and ignored. Python
// does not install signal handlers: SIGINT stays migsafe's. Bytecode caching is
// python3's: $PYTHONDONTWRITEBYTECODE and $PYTHONPYCACHEPREFIX are honoured.
// Throws model::EnvironmentError when Debian's Python or Alembic is missing, or
// libmigsafe_python.so, which holds the interpreter (python_library.hpp).
const InterpreterInfo& start_interpreter(PrintWarnings print = PrintWarnings::yes);

bool interpreter_started();

// Finalizes the interpreter. Every Project must be gone by then, and the interpreter
// cannot be started again in this process (extension modules do not survive it). A
// process may simply exit without calling it.
void stop_interpreter();

}  // namespace migsafe::analyzer::alembic
