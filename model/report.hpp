#pragma once

#include <string>
#include <vector>

#include "model/check_result.hpp"
#include "model/finding.hpp"

namespace migsafe::model {

// Which database a command ran against (JSON's "database" object).
struct DatabaseDescription {
  std::string dialect;         // "postgresql" or "sqlite"
  std::string server_version;  // "17.10"
  std::string kind;            // "scratch-cluster", "scratch-file", "scratch-database", "docker", "existing"
};

// Everything a command produced; reporters (cli/report/) render it.
struct Report {
  std::string command;  // "check", "lint", "drift", ...
  std::string project;  // as the user named it
  DatabaseDescription database;  // empty dialect: no database was used
  std::vector<CheckResult> checks;
  std::vector<Finding> findings;
};

}  // namespace migsafe::model
