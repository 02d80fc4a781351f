#include "analyzer/this_program.hpp"

#include "model/error.hpp"

namespace migsafe::analyzer {

std::filesystem::path this_program() {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) {
    throw model::EnvironmentError("cannot find the migsafe executable (/proc/self/exe)",
                                  "run migsafe on Linux with /proc mounted");
  }
  return self;
}

}  // namespace migsafe::analyzer
