#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "analyzer/check/progress.hpp"
#include "analyzer/lint/settings.hpp"

namespace migsafe::analyzer::check {

// What `migsafe check` was asked to do, with the config already merged in.
struct CheckRequest {
  std::filesystem::path project;  // folder holding alembic.ini, or the .ini itself
  std::string db;                 // --db; empty: the dialect of the project's sqlalchemy.url
  std::vector<std::string> only;  // check names; empty: every default check
  std::vector<std::string> skip;
  std::string seed;  // "package.module:function" or a shell command
  std::string url_env_var = "DATABASE_URL";
  std::string metadata;           // --metadata module:attr; empty: env.py's target_metadata
  analyzer::lint::Settings lint;  // the lint check's rules, from the config
  // Expand-contract: "code-first" or "migrate-first", and which revisions are new
  // (--since, --base-ref, or the config's base_ref; both empty: none is).
  std::string deploy_order = "code-first";
  std::string since;
  std::string base_ref;
  bool verbose = false;           // let Alembic's own log through to stderr
  double timeout_seconds = 1800;  // --timeout: per migration step; 0: no limit
  Progress* progress = nullptr;  // told what runs while it runs; may be null
};

}  // namespace migsafe::analyzer::check
