// The interpreter lives in libmigsafe_python.so (python/interpreter.cpp): these load the
// library on first use, and only start_interpreter() loads it.
#include "analyzer/alembic/interpreter.hpp"

#include "analyzer/alembic/python_library.hpp"

namespace migsafe::analyzer::alembic {

const InterpreterInfo& start_interpreter(PrintWarnings print) {
  return python_library().start_interpreter(print);
}

bool interpreter_started() {
  return python_library_loaded() && python_library().interpreter_started();
}

void stop_interpreter() {
  if (python_library_loaded()) python_library().stop_interpreter();
}

}  // namespace migsafe::analyzer::alembic
