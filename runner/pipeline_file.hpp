#pragma once

#include <filesystem>
#include <string>

#include "runner/pipeline.hpp"

namespace migsafe::runner {

// The pipeline file a path names: a .toml file as it is (pyproject.toml: its
// [tool.migsafe.pipeline] table), or in a folder migsafe-pipeline.toml, else a
// pyproject.toml that has [tool.migsafe.pipeline]. Throws model::UsageError when there
// is none, saying where it looked.
std::filesystem::path find_pipeline_file(const std::filesystem::path& path);

// Reads and checks a pipeline file (docs/runner.md): every unknown key, missing value
// or wrong type is a model::UsageError naming file:line:column and the fix. Relative
// paths (cwd, project, ca_file) become paths from the file's folder.
Pipeline read_pipeline(const std::filesystem::path& file);

// The same from text, for tests and the fuzzer; `pyproject` reads [tool.migsafe.pipeline].
Pipeline parse_pipeline(const std::string& text, const std::filesystem::path& file,
                        bool pyproject);

}  // namespace migsafe::runner
