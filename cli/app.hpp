#pragma once

namespace migsafe::cli {

// Parses the command line, runs one command and returns the exit code of docs/cli.md:
// 0 clean, 1 findings at or above --fail-on, 2 could not run.
int run(int argc, char** argv);

}  // namespace migsafe::cli
