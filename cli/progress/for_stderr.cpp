#include "cli/progress/for_stderr.hpp"

#include <unistd.h>

#include <iostream>

#include "cli/progress/live_line.hpp"
#include "cli/progress/plain_lines.hpp"

namespace migsafe::cli {

std::unique_ptr<analyzer::check::Progress> progress_for_stderr(int verbosity) {
  if (verbosity < 0) return nullptr;
  // Alembic's log goes to stderr with -v: a live line would be torn by it.
  if (verbosity > 0) return std::make_unique<PlainLines>(std::cerr, 0);
  if (::isatty(STDERR_FILENO)) return std::make_unique<LiveLine>(std::cerr);
  return std::make_unique<PlainLines>(std::cerr, 1000);
}

}  // namespace migsafe::cli
