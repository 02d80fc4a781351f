#pragma once

#include <memory>

#include "analyzer/check/progress.hpp"

namespace migsafe::cli {

// How `check` shows its progress on stderr, by verbosity (-q: -1, -v: 1): nothing with
// -q; every check as a line with -v; otherwise one live line on a terminal, and in a
// pipe a line for each check that took a second or more. Null: nothing.
std::unique_ptr<analyzer::check::Progress> progress_for_stderr(int verbosity);

}  // namespace migsafe::cli
