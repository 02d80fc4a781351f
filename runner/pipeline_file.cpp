#include "runner/pipeline_file.hpp"

#include <toml++/toml.h>

#include <cmath>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "model/error.hpp"

namespace migsafe::runner {

namespace fs = std::filesystem;

namespace {

constexpr const char* pipeline_name = "migsafe-pipeline.toml";

std::string where(const fs::path& file, const toml::source_region& at) {
  std::string out = file.string();
  if (at.begin.line > 0) {
    out += ":" + std::to_string(at.begin.line) + ":" + std::to_string(at.begin.column);
  }
  return out;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw model::UsageError("cannot read the pipeline file " + file.string(),
                            "check that the file exists and can be read");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

toml::table parse_toml(const std::string& text, const fs::path& file) {
  try {
    return toml::parse(text, file.string());
  } catch (const toml::parse_error& e) {
    throw model::UsageError(
        where(file, e.source()) + ": malformed TOML: " + std::string(e.description()),
        "fix the syntax of " + file.string());
  }
}

// Reads one file's tables, each key checked against the keys its table may hold.
class Reader {
 public:
  explicit Reader(const fs::path& file) : file_(file), folder_(file.parent_path()) {}

  Pipeline read(const toml::table& root) {
    Pipeline pipeline;
    pipeline.file = file_;
    only_keys(root, {"stages", "known_failures", "secrets"}, "the pipeline");
    pipeline.secret_variables = strings(root, "secrets");
    const toml::table* stages = table(root, "stages");
    if (stages == nullptr || stages->empty()) {
      fail(root.source(), "the pipeline has no stages",
           "add a stage with its steps: [[stages.staging.steps]] (docs/runner.md)");
    }
    for (const auto& [name, node] : *stages) {
      pipeline.stages.push_back(read_stage(std::string(name.str()), node));
    }
    if (const toml::array* rows = array(root, "known_failures")) {
      for (const toml::node& row : *rows) pipeline.known_failures.push_back(read_row(row));
    }
    return pipeline;
  }

 private:
  Stage read_stage(const std::string& name, const toml::node& node) {
    const toml::table* stage = node.as_table();
    if (stage == nullptr) fail(node.source(), "stages." + name + " must be a table", "");
    only_keys(*stage, {"steps"}, "stages." + name);
    const toml::array* steps = array(*stage, "steps");
    if (steps == nullptr || steps->empty()) {
      fail(stage->source(), "stage " + name + " has no steps",
           "add [[stages." + name + ".steps]] tables");
    }
    Stage result{name, {}};
    std::set<std::string> names;
    for (const toml::node& step : *steps) {
      result.steps.push_back(read_step(step, "stages." + name + ".steps"));
      if (!names.insert(result.steps.back().name).second) {
        fail(step.source(), "two steps of stage " + name + " are named " +
                                result.steps.back().name,
             "give each step its own name");
      }
    }
    return result;
  }

  Step read_step(const toml::node& node, const std::string& what) {
    const toml::table* table = node.as_table();
    if (table == nullptr) fail(node.source(), what + " must be tables", "");
    Step step;
    const std::string kind = required_string(*table, "kind", what);
    const auto parsed = parse_step_kind(kind);
    if (!parsed) {
      fail(at(*table, "kind"), "unknown step kind \"" + kind + "\"",
           "kind is one of " + step_kind_names());
    }
    step.kind = *parsed;
    step.name = string(*table, "name", kind);
    const std::string in = "step " + step.name;
    switch (step.kind) {
      case StepKind::command:
        only_keys(*table, {"kind", "name", "argv", "env", "cwd", "timeout", "capture"}, in);
        step.argv = strings(*table, "argv");
        if (step.argv.empty()) {
          fail(table->source(), in + " has no argv",
               "write the command as argv = [\"program\", \"argument\", ...]");
        }
        step.env = string_table(*table, "env");
        step.cwd = path(*table, "cwd", folder_);
        step.timeout_seconds = seconds(*table, "timeout", step.timeout_seconds);
        step.capture = string(*table, "capture", "");
        break;
      case StepKind::migrate:
        only_keys(*table, {"kind", "name", "project", "url_env", "timeout"}, in);
        step.project = path(*table, "project", folder_);
        step.url_env = string(*table, "url_env", step.url_env);
        step.timeout_seconds = seconds(*table, "timeout", step.timeout_seconds);
        break;
      case StepKind::smoke:
        step.smoke = read_smoke(*table, in);
        break;
    }
    return step;
  }

  SmokeSettings read_smoke(const toml::table& table, const std::string& in) {
    only_keys(table,
              {"kind", "name", "base_url", "headers", "checks", "deadline", "interval",
               "request_timeout", "ca_file", "verify_tls"},
              in);
    SmokeSettings smoke;
    smoke.base_url = required_string(table, "base_url", in);
    smoke.headers = string_map(table, "headers");
    smoke.deadline_seconds = seconds(table, "deadline", smoke.deadline_seconds);
    smoke.interval_seconds = seconds(table, "interval", smoke.interval_seconds);
    smoke.request_timeout_seconds = seconds(table, "request_timeout", smoke.request_timeout_seconds);
    smoke.ca_file = path(table, "ca_file", {});
    if (const toml::node* verify = table.get("verify_tls")) {
      if (!verify->is_boolean()) fail(verify->source(), "verify_tls must be true or false", "");
      smoke.verify_tls = verify->value<bool>().value_or(true);
    }
    const toml::array* checks = array(table, "checks");
    if (checks == nullptr || checks->empty()) {
      fail(table.source(), in + " has no checks",
           "add [[...checks]] tables with path and status (docs/runner.md)");
    }
    for (const toml::node& check : *checks) smoke.checks.push_back(read_check(check, in));
    return smoke;
  }

  HttpCheck read_check(const toml::node& node, const std::string& in) {
    const toml::table* table = node.as_table();
    if (table == nullptr) fail(node.source(), in + ": checks must be tables", "");
    only_keys(*table, {"name", "method", "path", "headers", "status", "json", "body_contains"},
              in + " check");
    HttpCheck check;
    check.method = string(*table, "method", check.method);
    check.path = required_string(*table, "path", in + " check");
    if (check.path.empty() || check.path.front() != '/') {
      fail(at(*table, "path"), "a check's path must start with /", "write it as \"/health\"");
    }
    check.name = string(*table, "name", check.method + " " + check.path);
    check.headers = string_map(*table, "headers");
    check.status = http_status(*table, check.status);
    if (const toml::table* fields = table->get_as<toml::table>("json")) {
      for (const auto& [key, value] : *fields) {
        check.json_fields.emplace_back(std::string(key.str()), to_json(value));
      }
    }
    check.body_contains = string(*table, "body_contains", "");
    return check;
  }

  KnownFailure read_row(const toml::node& node) {
    const toml::table* table = node.as_table();
    if (table == nullptr) fail(node.source(), "known_failures must be tables", "");
    only_keys(*table,
              {"failure", "cause", "fix", "step", "reason", "status", "path", "command", "output"},
              "known_failures");
    KnownFailure row;
    row.failure = required_string(*table, "failure", "known_failures");
    row.cause = required_string(*table, "cause", "known_failures");
    row.fix = required_string(*table, "fix", "known_failures");
    const std::string kind = required_string(*table, "step", "known_failures");
    const auto parsed = parse_step_kind(kind);
    if (!parsed) {
      fail(at(*table, "step"), "unknown step kind \"" + kind + "\"",
           "step is one of " + step_kind_names());
    }
    row.kind = *parsed;
    row.reason = string(*table, "reason", "");
    row.status = http_status(*table, 0);
    row.path = pattern(*table, "path");
    row.command = pattern(*table, "command");
    row.output = pattern(*table, "output");
    return row;
  }

  // --- values -----------------------------------------------------------------------

  int http_status(const toml::table& table, int fallback) const {
    const toml::node* status = table.get("status");
    if (status == nullptr) return fallback;
    const auto value = status->value_exact<int64_t>();
    if (!value || *value < 100 || *value > 599) {
      fail(status->source(), "status must be an HTTP status such as 200", "");
    }
    return static_cast<int>(*value);
  }

  nlohmann::json to_json(const toml::node& node) const {
    if (const auto text = node.value_exact<std::string>()) return *text;
    if (const auto number = node.value_exact<int64_t>()) return *number;
    if (const auto real = node.value_exact<double>()) return *real;
    if (const auto flag = node.value_exact<bool>()) return *flag;
    fail(node.source(), "a json field's expected value must be a string, number or boolean",
         "");
  }

  std::string pattern(const toml::table& table, const std::string& key) const {
    const std::string text = string(table, key, "");
    try {
      std::regex check(text);
    } catch (const std::regex_error& e) {
      fail(at(table, key), key + " is not a valid regular expression: " + e.what(), "");
    }
    return text;
  }

  double seconds(const toml::table& table, const std::string& key, double fallback) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) return fallback;
    // A year at most: inf, nan and the like would overflow the clocks they are added to.
    constexpr double longest = 365.0 * 24 * 3600;
    const std::optional<double> value = node->value<double>();  // integers too
    if (!value || !std::isfinite(*value) || *value < 0 || *value > longest) {
      fail(node->source(), key + " must be a number of seconds, such as 60 (at most a year)", "");
    }
    return *value;
  }

  fs::path path(const toml::table& table, const std::string& key, const fs::path& fallback) const {
    if (table.get(key) == nullptr) return fallback;
    const fs::path value = string(table, key, "");
    return value.is_absolute() ? value : (folder_ / value).lexically_normal();
  }

  std::string required_string(const toml::table& table, const std::string& key,
                              const std::string& in) const {
    if (table.get(key) == nullptr) {
      fail(table.source(), in + " has no " + key, "add " + key + " = \"...\"");
    }
    return string(table, key, "");
  }

  std::string string(const toml::table& table, const std::string& key,
                     const std::string& fallback) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) return fallback;
    if (!node->is_string()) fail(node->source(), key + " must be a string", "");
    return *node->value<std::string>();
  }

  std::vector<std::string> strings(const toml::table& table, const std::string& key) const {
    std::vector<std::string> values;
    const toml::node* node = table.get(key);
    if (node == nullptr) return values;
    const toml::array* items = node->as_array();
    if (items == nullptr) fail(node->source(), key + " must be a list of strings", "");
    for (const toml::node& item : *items) {
      if (!item.is_string()) fail(item.source(), key + " must be a list of strings", "");
      values.push_back(*item.value<std::string>());
    }
    return values;
  }

  std::vector<std::pair<std::string, std::string>> string_table(const toml::table& table,
                                                                const std::string& key) const {
    std::vector<std::pair<std::string, std::string>> values;
    const toml::node* node = table.get(key);
    if (node == nullptr) return values;
    const toml::table* items = node->as_table();
    if (items == nullptr) fail(node->source(), key + " must be a table of strings", "");
    for (const auto& [name, value] : *items) {
      if (!value.is_string()) fail(value.source(), key + " values must be strings", "");
      values.emplace_back(std::string(name.str()), *value.value<std::string>());
    }
    return values;
  }

  std::map<std::string, std::string> string_map(const toml::table& table,
                                                const std::string& key) const {
    std::map<std::string, std::string> values;
    for (auto& [name, value] : string_table(table, key)) values[name] = value;
    return values;
  }

  const toml::table* table(const toml::table& parent, const std::string& key) const {
    const toml::node* node = parent.get(key);
    if (node != nullptr && !node->is_table()) fail(node->source(), key + " must be a table", "");
    return node == nullptr ? nullptr : node->as_table();
  }

  const toml::array* array(const toml::table& parent, const std::string& key) const {
    const toml::node* node = parent.get(key);
    if (node != nullptr && !node->is_array_of_tables()) {
      fail(node->source(), key + " must be a list of tables",
           "write each one under a [[" + key + "]] header");
    }
    return node == nullptr ? nullptr : node->as_array();
  }

  toml::source_region at(const toml::table& table, const std::string& key) const {
    const toml::node* node = table.get(key);
    return node != nullptr ? node->source() : table.source();
  }

  void only_keys(const toml::table& table, std::initializer_list<const char*> known,
                 const std::string& in) const {
    for (const auto& [key, value] : table) {
      bool found = false;
      std::string list;
      for (const char* name : known) {
        found = found || key.str() == name;
        list += (list.empty() ? "" : ", ") + std::string(name);
      }
      if (!found) {
        fail(key.source(), "unknown key \"" + std::string(key.str()) + "\" in " + in,
             "the keys of " + in + " are: " + list);
      }
    }
  }

  [[noreturn]] void fail(const toml::source_region& where_, const std::string& message,
                         const std::string& fix) const {
    throw model::UsageError(where(file_, where_) + ": " + message,
                            fix.empty() ? "fix the pipeline file (docs/runner.md)" : fix);
  }

  fs::path file_;
  fs::path folder_;
};

bool has_pipeline_table(const fs::path& pyproject) {
  std::error_code ec;
  if (!fs::is_regular_file(pyproject, ec)) return false;
  return parse_toml(read_text(pyproject), pyproject).at_path("tool.migsafe.pipeline").is_table();
}

}  // namespace

fs::path find_pipeline_file(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    if (fs::is_regular_file(path, ec)) return path;
    throw model::UsageError("no pipeline file at " + path.string(),
                            "pass a migsafe-pipeline.toml, a pyproject.toml with "
                            "[tool.migsafe.pipeline], or the folder that holds one");
  }
  if (fs::is_regular_file(path / pipeline_name, ec)) return path / pipeline_name;
  if (has_pipeline_table(path / "pyproject.toml")) return path / "pyproject.toml";
  throw model::UsageError(
      "no pipeline in " + path.string() + ": neither " + pipeline_name +
          " nor a pyproject.toml with [tool.migsafe.pipeline]",
      "write the pipeline file (docs/runner.md), or pass its path: migsafe run FILE --stage NAME");
}

Pipeline parse_pipeline(const std::string& text, const fs::path& file, bool pyproject) {
  const toml::table document = parse_toml(text, file);
  const toml::table* root = &document;
  if (pyproject) {
    root = document.at_path("tool.migsafe.pipeline").as_table();
    if (root == nullptr) {
      throw model::UsageError(file.string() + " has no [tool.migsafe.pipeline] table",
                              "write the pipeline under [tool.migsafe.pipeline] (docs/runner.md)");
    }
  }
  return Reader(file).read(*root);
}

Pipeline read_pipeline(const fs::path& file) {
  const fs::path absolute = fs::absolute(file).lexically_normal();
  return parse_pipeline(read_text(absolute), absolute, absolute.filename() == "pyproject.toml");
}

}  // namespace migsafe::runner
