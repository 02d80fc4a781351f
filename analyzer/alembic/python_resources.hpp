#pragma once

#include <string_view>
#include <vector>

namespace migsafe::analyzer::alembic {

// A Python module compiled into the binary (the source is analyzer/alembic/<name>.py).
struct PythonResource {
  std::string_view module;
  std::string_view source;
};

const std::vector<PythonResource>& python_resources();

}  // namespace migsafe::analyzer::alembic
