#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "dbdrivers/scratch.hpp"
#include "model/report.hpp"

namespace migsafe::analyzer::diff::test {

// fixtures/alembic/<name> in the source tree.
std::filesystem::path fixture(const std::string& name);

// A scratch database of `backend` ("pg17", "pg15" or "sqlite") with `fixture`
// migrated to head.
std::unique_ptr<dbdrivers::ScratchDatabase> migrated(const std::string& backend, const std::string& fixture);

// The backends of this test program: DRIFT_BACKENDS, a comma list ("pg17,pg15"), so
// each CTest label gets its own program.
std::vector<std::string> backends();

// The first line of every finding that is a difference (not the revision note).
std::vector<std::string> difference_headlines(const model::Report& report);

}  // namespace migsafe::analyzer::diff::test
