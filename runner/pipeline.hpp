#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "runner/step_kind.hpp"

namespace migsafe::runner {

// One HTTP request of a smoke step and what its answer must be.
struct HttpCheck {
  std::string name;  // shown in the output; defaults to "METHOD path"
  std::string method = "GET";
  std::string path = "/";
  std::map<std::string, std::string> headers;
  int status = 200;
  // Fields of the JSON body: a dotted path ("database", "items.0.id") and its value.
  std::vector<std::pair<std::string, nlohmann::json>> json_fields;
  std::string body_contains;  // "" when the body is not checked as text
};

struct SmokeSettings {
  std::string base_url;  // http(s)://host[:port][/prefix], ${VAR} expanded at run time
  std::map<std::string, std::string> headers;  // sent with every check
  std::vector<HttpCheck> checks;
  double deadline_seconds = 60;  // a failing check is retried until then (a service booting)
  double interval_seconds = 2;
  double request_timeout_seconds = 10;
  std::filesystem::path ca_file;  // HTTPS: the CA (or self-signed certificate) to trust
  bool verify_tls = true;
};

struct Step {
  std::string name;
  StepKind kind = StepKind::command;
  // command
  std::vector<std::string> argv;
  std::vector<std::pair<std::string, std::string>> env;
  std::filesystem::path cwd;     // absolute: relative paths are the pipeline file's
  double timeout_seconds = 3600;  // 0: no limit
  // An environment variable set to the output's last line for the steps after (a
  // function name a discovery step prints, say); "" for none.
  std::string capture;
  // migrate
  std::filesystem::path project;  // the folder of alembic.ini, or the .ini file
  std::string url_env = "DATABASE_URL";
  // smoke
  SmokeSettings smoke;
};

struct Stage {
  std::string name;
  std::vector<Step> steps;
};

// A row of the known-failures table: what failed (the step's kind and the patterns
// below, every one given must match) and what to tell the user. cause and fix may
// name the failure's facts: {step}, {status}, {path}, {revision}, {file}, {line},
// {statement}, {error}, {summary}, {detail}, {url_env}.
struct KnownFailure {
  std::string failure;  // the row's name: "Smoke test: health 503"
  std::string cause;
  std::string fix;
  StepKind kind = StepKind::command;
  std::string reason;   // the step's own reason code ("migration-error"...), "" any
  int status = 0;       // smoke: the HTTP status, 0 any
  std::string path;     // smoke: regex searched in the request path
  std::string command;  // command: regex searched in the argv joined by spaces
  std::string output;   // regex searched in what failed (message and output tail)
};

struct Pipeline {
  std::filesystem::path file;  // where it was read from
  std::vector<Stage> stages;
  std::vector<KnownFailure> known_failures;  // the user's rows, tried before migsafe's
  std::vector<std::string> secret_variables;  // environment variables to mask, by name
};

}  // namespace migsafe::runner
