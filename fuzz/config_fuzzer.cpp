// libFuzzer target: the bytes as a migsafe.toml and as a pyproject.toml. Bad input is
// model::UsageError (the CLI prints it and exits 2); anything else escaping is a failure.
#include <cstddef>
#include <cstdint>
#include <string>

#include "cli/config/config.hpp"
#include "model/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace migsafe;
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const bool pyproject : {false, true}) {
    try {
      cli::config::parse_config(text, pyproject ? "pyproject.toml" : "migsafe.toml", pyproject);
    } catch (const model::UsageError&) {
    }
  }
  return 0;
}
