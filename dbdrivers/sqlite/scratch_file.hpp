#pragma once

#include <memory>

#include "dbdrivers/scratch.hpp"

namespace migsafe::dbdrivers::sqlite {

// An empty `scratch.db` in a fresh temp folder; the folder goes with the handle.
std::unique_ptr<ScratchDatabase> create_scratch_file();

}  // namespace migsafe::dbdrivers::sqlite
