#pragma once

#include "analyzer/alembic/interpreter.hpp"

// The embedded interpreter itself, inside libmigsafe_python.so. The rest of migsafe
// reaches these through analyzer/alembic/interpreter.hpp, which documents them.
namespace migsafe::analyzer::alembic::python {

const InterpreterInfo& start_interpreter(PrintWarnings print);
bool interpreter_started();
void stop_interpreter();

}  // namespace migsafe::analyzer::alembic::python
