#pragma once

#include <string_view>
#include <vector>

namespace migsafe::analyzer::alembic::python {

// A Python module compiled into libmigsafe_python.so (the source is
// analyzer/alembic/<name>.py).
struct PythonResource {
  std::string_view module;
  std::string_view source;
};

const std::vector<PythonResource>& python_resources();

}  // namespace migsafe::analyzer::alembic::python
