#include "cli/config/config.hpp"

#include <toml++/toml.h>

#include <fstream>
#include <sstream>
#include <system_error>

#include "analyzer/expand_contract/deploy_order_name.hpp"
#include "analyzer/lint/git_changes.hpp"
#include "cli/config/names.hpp"
#include "model/error.hpp"
#include "rules/registry.hpp"

namespace migsafe::cli::config {

namespace fs = std::filesystem;

namespace {

std::string where(const fs::path& file, const toml::source_region& at) {
  std::string out = file.string();
  if (at.begin.line > 0) {
    out += ":" + std::to_string(at.begin.line) + ":" + std::to_string(at.begin.column);
  }
  return out;
}

class Reader {
 public:
  Reader(Config& config, const fs::path& file) : config_(config), file_(file) {}

  void read(const toml::table& settings) {
    for (const auto& [key, node] : settings) {
      const std::string name(key.str());
      if (name == "enable") {
        config_.enable = name_list(node, name);
      } else if (name == "disable") {
        config_.disable = name_list(node, name);
      } else if (name == "severity") {
        read_severities(node);
      } else if (name == "pg_version") {
        const auto version = node.value<int64_t>();
        if (!node.is_integer() || !version || *version < 9 || *version > 99)
          fail(node, "pg_version must be a PostgreSQL major version such as 17");
        config_.pg_version = static_cast<int>(*version);
      } else if (name == "assume_in_transaction") {
        if (!node.is_boolean()) fail(node, "assume_in_transaction must be true or false");
        config_.assume_in_transaction = node.value<bool>();
      } else if (name == "lock_timeout_set_by") {
        config_.lock_timeout_set_by = string(node, name);
      } else if (name == "exclude") {
        config_.exclude = string_list(node, name);
      } else if (name == "seed") {
        config_.seed = string(node, name);
        if (config_.seed.find(':') == std::string::npos)
          fail(node, "seed must name a function as \"package.module:function\"");
      } else if (name == "database_url_env") {
        config_.database_url_env = string(node, name);
        if (config_.database_url_env.empty()) fail(node, "database_url_env must not be empty");
      } else if (name == "fail_on") {
        config_.fail_on = severity(node, name);
      } else if (name == "timeout") {
        const std::optional<double> seconds = node.value<double>();  // integers too
        if (!seconds || *seconds < 0)
          fail(node, "timeout must be a number of seconds (0: no limit), such as 1800");
        config_.timeout = *seconds;
      } else if (name == "deploy_order") {
        config_.deploy_order = string(node, name);
        if (!analyzer::expand_contract::parse_deploy_order(config_.deploy_order))
          fail(node, "deploy_order must be \"code-first\" or \"migrate-first\"");
      } else if (name == "base_ref") {
        config_.base_ref = string(node, name);
        if (config_.base_ref.empty()) fail(node, "base_ref must name a git ref, such as origin/main");
      } else if (name == "pipeline") {
        // [tool.migsafe.pipeline]: the runner's, read by runner/pipeline_file.cpp

      } else {
        warn(key.source(), "unknown key \"" + name + "\" in the migsafe config",
             "known keys: enable, disable, severity, pg_version, assume_in_transaction, "
             "lock_timeout_set_by, exclude, seed, database_url_env, fail_on, timeout, "
             "deploy_order, base_ref, pipeline");
      }
    }
  }

 private:
  [[noreturn]] void fail(const toml::node& node, const std::string& message) const {
    fail(node.source(), message, "fix the value in " + file_.string());
  }

  [[noreturn]] void fail(const toml::source_region& at, const std::string& message,
                         const std::string& fix) const {
    throw model::UsageError(where(file_, at) + ": " + message, fix);
  }

  void warn(const toml::source_region& at, const std::string& message, const std::string& help) {
    model::Finding finding;
    finding.check = "config";
    finding.rule = "config";
    finding.severity = model::Severity::warning;
    finding.message = message;
    finding.help = help;
    finding.location.file = file_.string();
    finding.location.line = static_cast<int>(at.begin.line);
    finding.location.column = static_cast<int>(at.begin.column);
    config_.warnings.push_back(std::move(finding));
  }

  // enable/disable: a check name or a rule id (an alias becomes the id); anything else
  // stops the run, as it would on the command line.
  std::string check_or_rule(const std::string& name, const std::string& key,
                            const toml::source_region& at) const {
    if (auto known = resolve_name(name)) return known->name;
    fail(at, key + ": no check or rule has the name \"" + name + "\"", valid_names_help());
  }

  // severity: a rule id (an alias becomes the id).
  std::string rule_id(const std::string& name, const toml::source_region& at) const {
    if (auto id = rules::resolve_rule_id(name)) return *id;
    const std::string what = is_check_name(name) ? name + " is a check; severity takes rule ids"
                                                 : "no rule has the id \"" + name + "\"";
    fail(at, "severity: " + what, valid_rules_help());
  }

  std::string string(const toml::node& node, const std::string& name) const {
    if (!node.is_string()) fail(node, name + " must be a string");
    return *node.value<std::string>();
  }

  std::vector<std::string> string_list(const toml::node& node, const std::string& name) const {
    const toml::array* array = node.as_array();
    if (array == nullptr) fail(node, name + " must be a list of strings, e.g. [\"a\", \"b\"]");
    std::vector<std::string> out;
    for (const auto& item : *array) out.push_back(string(item, name + "'s items"));
    return out;
  }

  std::vector<std::string> name_list(const toml::node& node, const std::string& key) const {
    std::vector<std::string> names = string_list(node, key);
    const toml::array& array = *node.as_array();
    for (std::size_t i = 0; i < names.size(); ++i) {
      names[i] = check_or_rule(names[i], key, array[i].source());
    }
    return names;
  }

  model::Severity severity(const toml::node& node, const std::string& name) const {
    if (auto parsed = model::parse_severity(string(node, name))) return *parsed;
    fail(node, name + " must be \"error\", \"warning\" or \"info\"");
  }

  void read_severities(const toml::node& node) {
    const toml::table* table = node.as_table();
    if (table == nullptr)
      fail(node, "severity must be a table, e.g. severity = {prefer-bigint = \"error\"}");
    for (const auto& [key, value] : *table) {
      const std::string id = rule_id(std::string(key.str()), key.source());
      config_.severity[id] = severity(value, "severity." + id);
    }
  }

  Config& config_;
  const fs::path& file_;
};

toml::table parse_toml(const std::string& text, const fs::path& file) {
  try {
    return toml::parse(text, file.string());
  } catch (const toml::parse_error& e) {
    throw model::UsageError(
        where(file, e.source()) + ": malformed TOML: " + std::string(e.description()),
        "fix the syntax of " + file.string());
  }
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw model::UsageError("cannot read config file " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool has_migsafe_table(const fs::path& pyproject) {
  const toml::table document = parse_toml(read_file(pyproject), pyproject);
  return document.at_path("tool.migsafe").is_table();
}

}  // namespace

Config parse_config(const std::string& text, const fs::path& file, bool pyproject) {
  const toml::table document = parse_toml(text, file);
  Config config;
  config.file = file;
  const toml::table* settings = &document;
  if (pyproject) {
    settings = document.at_path("tool.migsafe").as_table();
    if (settings == nullptr) {
      if (document.at_path("tool.migsafe")) {
        throw model::UsageError(file.string() + ": tool.migsafe must be a table",
                                "write the settings under a [tool.migsafe] header");
      }
      return config;
    }
  }
  Reader(config, file).read(*settings);
  return config;
}

namespace {

// A base_ref that is no commit where the config lives (a CI image without .git, a
// shallow clone) still lets the run go on: a warning, and every revision is new.
Config with_base_ref_checked(Config config) {
  if (config.base_ref.empty()) return config;
  try {
    analyzer::lint::run_git(config.file.parent_path(),
                            {"rev-parse", "--verify", "--quiet", config.base_ref + "^{commit}"});
    return config;
  } catch (const model::InputError&) {
  }
  model::Finding finding;
  finding.check = finding.rule = "config";
  finding.severity = model::Severity::warning;
  finding.message = "base_ref " + config.base_ref + " is not a commit of a git work tree here, so "
                    "every revision is new and expand-contract is skipped";
  finding.help = "fetch it (actions/checkout with fetch-depth: 0, or git fetch origin main), or "
                 "pass --base-ref";
  finding.location.file = config.file.string();
  config.warnings.push_back(std::move(finding));
  config.base_ref.clear();
  return config;
}

}  // namespace

Config load_config(const fs::path& start, const fs::path& explicit_file) {
  if (!explicit_file.empty()) {
    std::error_code ec;
    if (!fs::is_regular_file(explicit_file, ec)) {
      throw model::UsageError("config file " + explicit_file.string() + " does not exist",
                              "check the path given to --config");
    }
    return with_base_ref_checked(parse_config(read_file(explicit_file), explicit_file,
                                              explicit_file.filename() == "pyproject.toml"));
  }
  std::error_code ec;
  fs::path folder = fs::absolute(start, ec).lexically_normal();
  if (!folder.has_filename() || !fs::is_directory(folder, ec)) folder = folder.parent_path();
  for (; !folder.empty(); folder = folder.parent_path()) {
    const fs::path pyproject = folder / "pyproject.toml";
    if (fs::is_regular_file(pyproject, ec) && has_migsafe_table(pyproject)) {
      return with_base_ref_checked(parse_config(read_file(pyproject), pyproject, true));
    }
    const fs::path own = folder / "migsafe.toml";
    if (fs::is_regular_file(own, ec)) {
      return with_base_ref_checked(parse_config(read_file(own), own, false));
    }
    if (folder == folder.root_path()) break;
  }
  return {};
}

}  // namespace migsafe::cli::config
