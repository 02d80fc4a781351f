// libFuzzer target: the bytes as a migsafe-pipeline.toml and as a pyproject.toml's
// [tool.migsafe.pipeline]. Bad input is model::UsageError (the CLI prints it and exits
// 2); anything else escaping is a failure.
#include <cstddef>
#include <cstdint>
#include <string>

#include "model/error.hpp"
#include "runner/pipeline_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace migsafe;
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const bool pyproject : {false, true}) {
    try {
      runner::parse_pipeline(text, pyproject ? "/p/pyproject.toml" : "/p/migsafe-pipeline.toml",
                             pyproject);
    } catch (const model::UsageError&) {
    }
  }
  return 0;
}
