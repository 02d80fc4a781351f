#include "runner/environment.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <regex>

#include "dbdrivers/database_url.hpp"
#include "model/error.hpp"

extern char** environ;

namespace migsafe::runner {
namespace {

bool name_says_secret(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (name == "PWD" || name == "OLDPWD" || name == "SSH_AUTH_SOCK") return false;
  static const std::regex secret_name(
      R"(PASSWORD|PASSWD|(^|_)(PASS|PWD|PAT)$|SECRET|TOKEN|(^|_)KEY$|API_?KEY|PRIVATE|)"
      R"(CREDENTIAL|(^|_)AUTH|_DSN$)");
  return std::regex_search(name, secret_name);
}

// A flag or a small number under a secret-sounding name (AUTH_ENABLED=true,
// TOKEN_TTL=3600): masking it would hide every "true" and "3600" of the output.
bool too_common_to_mask(std::string value) {
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* flag : {"true", "false", "yes", "no", "on", "off", "none", "null"}) {
    if (value == flag) return true;
  }
  return value.size() < 8 && value.find_first_not_of("0123456789") == std::string::npos;
}

void mask_url_password(const std::string& url) {
  try {
    dbdrivers::add_secret(dbdrivers::parse_database_url(url).password);
  } catch (const model::Error&) {
    // not a database URL: mask_passwords() still hides the password of any URL in a text
  }
}

// The names the embedded Python's mask reads the values of, itself
// (analyzer/alembic/bridge/session.py): whole values, and URLs whose password to hide.
struct PythonMaskNames {
  std::string secret;
  std::string url;
};

PythonMaskNames& python_mask_names() {
  static PythonMaskNames names;
  return names;
}

void add_name(std::string& list, const std::string& name) {
  if (("," + list + ",").find("," + name + ",") == std::string::npos) {
    list += (list.empty() ? "" : ",") + name;
  }
}

void export_python_mask_names() {
  ::setenv("MIGSAFE_SECRET_VARIABLES", python_mask_names().secret.c_str(), 1);
  ::setenv("MIGSAFE_URL_VARIABLES", python_mask_names().url.c_str(), 1);
}

// Masks one variable's value as its name and the pipeline say; `exported`: the value is
// in migsafe's environment, where the embedded Python can read it by name.
void mask_variable(const Pipeline& pipeline, const std::string& name, const std::string& value,
                   bool exported) {
  if (is_secret_variable(pipeline, name) && !too_common_to_mask(value)) {
    dbdrivers::add_secret(value);
    if (exported) add_name(python_mask_names().secret, name);
  }
  if (value.find("://") != std::string::npos) {
    mask_url_password(value);
    if (exported) add_name(python_mask_names().url, name);
  }
}

}  // namespace

std::string expand(const std::string& text, const std::string& context, Unset unset,
                   const Variables& step_env) {
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    if (text.compare(at, 3, "$${") == 0) {
      out += "${";
      at += 3;
      continue;
    }
    const std::size_t close = text.compare(at, 2, "${") == 0 ? text.find('}', at) : std::string::npos;
    if (close == std::string::npos) {
      out += text[at++];
      continue;
    }
    const std::string name = text.substr(at + 2, close - at - 2);
    const char* value = std::getenv(name.c_str());
    for (const auto& [variable, set_to] : step_env) {
      if (variable == name) value = set_to.c_str();
    }
    if (value != nullptr) {
      out += value;
    } else if (unset == Unset::keep) {
      out += text.substr(at, close - at + 1);
    } else {
      throw model::UsageError(context + " uses ${" + name + "}, which is not set",
                              "set the environment variable " + name +
                                  " before migsafe run (write $${ for a literal ${)");
    }
    at = close + 1;
  }
  return out;
}

bool is_secret_variable(const Pipeline& pipeline, const std::string& name) {
  return name_says_secret(name) ||
         std::find(pipeline.secret_variables.begin(), pipeline.secret_variables.end(), name) !=
             pipeline.secret_variables.end();
}

std::vector<std::string> variables_in(const std::string& text) {
  std::vector<std::string> names;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text.compare(at, 3, "$${") == 0) {
      at += 2;
      continue;
    }
    if (text.compare(at, 2, "${") != 0) continue;
    const std::size_t close = text.find('}', at);
    if (close == std::string::npos) break;
    names.push_back(text.substr(at + 2, close - at - 2));
    at = close;
  }
  return names;
}

void mask_environment_secrets(const Pipeline& pipeline) {
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const std::size_t equals = text.find('=');
    if (equals != std::string::npos) {
      mask_variable(pipeline, text.substr(0, equals), text.substr(equals + 1), true);
    }
  }
  // A command step's own env is set in the pipeline file: the same names are secret.
  for (const Stage& stage : pipeline.stages) {
    for (const Step& step : stage.steps) {
      for (const auto& [name, value] : step.env) {
        mask_variable(pipeline, name, expand(value, "", Unset::keep), false);
      }
    }
  }
  export_python_mask_names();
}

void mask_captured_variable(const Pipeline& pipeline, const std::string& name,
                            const std::string& value) {
  mask_variable(pipeline, name, value, true);
  export_python_mask_names();
}

}  // namespace migsafe::runner
