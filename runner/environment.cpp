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
  static const std::regex secret_name(
      R"(PASSWORD|PASSWD|SECRET|TOKEN|(^|_)KEY$|API_?KEY|PRIVATE|CREDENTIAL|(^|_)AUTH|_DSN$)");
  return std::regex_search(name, secret_name);
}

void mask_url_password(const std::string& url) {
  try {
    dbdrivers::add_secret(dbdrivers::parse_database_url(url).password);
  } catch (const model::Error&) {
    // not a database URL: the variable's name decides, as for any other
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

void mask_environment_secrets(const Pipeline& pipeline) {
  const auto mask = [&pipeline](const std::string& name, const std::string& value) {
    const bool listed = std::find(pipeline.secret_variables.begin(),
                                  pipeline.secret_variables.end(),
                                  name) != pipeline.secret_variables.end();
    if (listed || name_says_secret(name)) dbdrivers::add_secret(value);
    if (value.find("://") != std::string::npos) mask_url_password(value);
  };
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const std::size_t equals = text.find('=');
    if (equals != std::string::npos) mask(text.substr(0, equals), text.substr(equals + 1));
  }
  // A command step's own env is set in the pipeline file: the same names are secret.
  for (const Stage& stage : pipeline.stages) {
    for (const Step& step : stage.steps) {
      for (const auto& [name, value] : step.env) mask(name, expand(value, "", Unset::keep));
    }
  }
}

}  // namespace migsafe::runner
