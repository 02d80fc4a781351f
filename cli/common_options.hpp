#pragma once

#include <string>
#include <vector>

namespace migsafe::cli {

// Options shared by the checking commands (docs/cli.md, "Options shared by the checking
// commands"). Each command reads the ones that apply to it.
struct CommonOptions {
  std::string db;      // --db; empty: follow the project's sqlalchemy.url
  std::string format;  // --format; empty: the first of report::format_definitions()
  std::vector<std::string> only;
  std::vector<std::string> skip;
  std::string config_file;  // --config
  std::string deploy_order;  // --deploy-order; empty: the config's, else code-first
  std::string since;     // --since REV
  std::string base_ref;  // --base-ref GIT-REF
  std::string fail_on = "error";
  int verbosity = 0;  // -q: -1, -v: 1
};

}  // namespace migsafe::cli
