#include "runner/smoke_step.hpp"

#include <httplib.h>

#include <cctype>
#include <chrono>
#include <regex>
#include <thread>

#include "dbdrivers/database_url.hpp"
#include "model/error.hpp"
#include "runner/environment.hpp"

namespace migsafe::runner {
namespace {

using Clock = std::chrono::steady_clock;

struct BaseUrl {
  std::string origin;  // scheme://host[:port]
  std::string prefix;  // a path every check's path is appended to, "" for none
  std::string user;    // user:password@ of the URL: HTTP basic authentication
  std::string password;
};

BaseUrl split_base_url(const std::string& url, const std::string& context) {
  static const std::regex form(R"(^(https?://)(?:([^:@/]*)(?::([^@/]*))?@)?([^@/?#]+)(/[^?#]*)?$)",
                               std::regex::icase);
  std::smatch parts;
  if (!std::regex_match(url, parts, form)) {
    throw model::UsageError(context + ": base_url '" + dbdrivers::mask_passwords(url) +
                                "' is not an http:// or https:// URL",
                            "write it as https://host[:port][/prefix]");
  }
  std::string prefix = parts[5].str();
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  std::string scheme = parts[1].str();  // httplib compares it in lower case
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return {scheme + parts[4].str(), prefix, dbdrivers::percent_decode(parts[2].str()),
          dbdrivers::percent_decode(parts[3].str())};
}

// httplib's error, as a user reads it.
std::string no_answer(httplib::Error error) {
  switch (error) {
    case httplib::Error::Connection:
      return "no answer: the connection failed (nothing listening, or refused)";
    case httplib::Error::ConnectionTimeout:
      return "no answer: the connection timed out";
    case httplib::Error::Read:
      return "no answer: reading the answer failed or timed out (request_timeout)";
    case httplib::Error::SSLConnection:
      return "no answer: the TLS handshake failed";
    case httplib::Error::SSLLoadingCerts:
      return "no answer: the CA certificates could not be loaded (ca_file)";
    case httplib::Error::SSLServerVerification:
      return "no answer: the server's certificate is not trusted (set ca_file to its CA, or "
             "verify_tls = false)";
    default:
      return "no answer: " + httplib::to_string(error);
  }
}

// The value at a dotted path of a JSON document ("items.0.id"), or null when absent.
const nlohmann::json* field_at(const nlohmann::json& document, const std::string& path) {
  const nlohmann::json* at = &document;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t dot = std::min(path.find('.', start), path.size());
    const std::string key = path.substr(start, dot - start);
    if (at->is_object() && at->contains(key)) {
      at = &(*at)[key];
    } else if (at->is_array() && !key.empty() && key.size() < 10 &&
               key.find_first_not_of("0123456789") == std::string::npos &&
               std::stoul(key) < at->size()) {
      at = &(*at)[std::stoul(key)];
    } else {
      return nullptr;
    }
    start = dot + 1;
  }
  return at;
}

// What is wrong with an answer, "" when it is what the check expects.
std::string judge(const HttpCheck& check, const httplib::Response& answer) {
  if (answer.status != check.status) {
    return "answered " + std::to_string(answer.status) + " (expected " +
           std::to_string(check.status) + ")";
  }
  if (!check.body_contains.empty() && answer.body.find(check.body_contains) == std::string::npos) {
    return "the body does not contain \"" + check.body_contains + "\"";
  }
  if (check.json_fields.empty()) return "";
  const nlohmann::json body = nlohmann::json::parse(answer.body, nullptr, false);
  if (body.is_discarded()) return "the body is not JSON";
  for (const auto& [path, expected] : check.json_fields) {
    const nlohmann::json* value = field_at(body, path);
    if (value == nullptr) return "the JSON has no field " + path;
    if (*value != expected) {
      return "JSON field " + path + " is " + value->dump() + " (expected " + expected.dump() + ")";
    }
  }
  return "";
}

std::string body_excerpt(const std::string& body) {
  constexpr std::size_t limit = 500;
  return body.size() <= limit ? body : body.substr(0, limit) + "...";
}

class Smoke {
 public:
  Smoke(const Step& step, StepLog& log)
      : step_(step),
        settings_(step.smoke),
        log_(log),
        context_("step " + step.name),
        base_(split_base_url(expand(settings_.base_url, context_), context_)),
        client_(base_.origin),
        deadline_(Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::duration<double>(settings_.deadline_seconds))) {
    const auto timeout = std::chrono::duration<double>(settings_.request_timeout_seconds);
    client_.set_connection_timeout(std::chrono::duration_cast<std::chrono::microseconds>(timeout));
    client_.set_read_timeout(std::chrono::duration_cast<std::chrono::microseconds>(timeout));
    if (!settings_.ca_file.empty()) client_.set_ca_cert_path(settings_.ca_file.string());
    client_.enable_server_certificate_verification(settings_.verify_tls);
    if (!base_.user.empty()) {
      dbdrivers::add_secret(base_.password);
      client_.set_basic_auth(base_.user.c_str(), base_.password.c_str());
    }
  }

  std::optional<StepFailure> run() {
    log_.line("base URL: " + base_.origin + base_.prefix);
    for (const HttpCheck& check : settings_.checks) {
      if (auto failure = run_check(check)) return failure;
    }
    return std::nullopt;
  }

 private:
  std::optional<StepFailure> run_check(const HttpCheck& check) {
    httplib::Request request;
    request.method = check.method;
    request.path = base_.prefix + expand(check.path, context_);
    for (const auto* headers : {&settings_.headers, &check.headers}) {
      for (const auto& [name, value] : *headers) {
        request.headers.erase(name);
        request.headers.emplace(name, expand(value, context_));
      }
    }
    for (int attempt = 1;; ++attempt) {
      const httplib::Result answer = client_.send(request);
      std::string problem;
      if (!answer) {
        problem = no_answer(answer.error());
      } else {
        problem = judge(check, *answer);
      }
      if (problem.empty()) {
        log_.line("ok   " + check.name + ": " + check.method + " " + request.path + " -> " +
                  std::to_string(answer->status) +
                  (attempt > 1 ? " (attempt " + std::to_string(attempt) + ")" : ""));
        return std::nullopt;
      }
      const auto next = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(settings_.interval_seconds));
      if (next >= deadline_) return failure(check, request.path, answer, problem, attempt);
      log_.line("wait " + check.name + ": " + problem + "; retrying");
      std::this_thread::sleep_until(next);
    }
  }

  StepFailure failure(const HttpCheck& check, const std::string& path,
                      const httplib::Result& answer, const std::string& problem, int attempts) {
    StepFailure failure;
    failure.step = step_.name;
    failure.kind = StepKind::smoke;
    failure.path = path;
    failure.summary = dbdrivers::mask_passwords(check.method + " " + path + " " + problem) +
                      " after " + std::to_string(attempts) +
                      (attempts == 1 ? " attempt" : " attempts");
    if (!answer) {
      failure.reason = "unreachable";
    } else {
      failure.status = answer->status;
      failure.reason = answer->status != check.status ? "status" : "body";
      failure.detail = dbdrivers::mask_passwords(body_excerpt(answer->body));
    }
    log_.line("FAIL " + check.name + ": " + failure.summary);
    return failure;
  }

  const Step& step_;
  const SmokeSettings& settings_;
  StepLog& log_;
  std::string context_;
  BaseUrl base_;
  httplib::Client client_;
  Clock::time_point deadline_;
};

}  // namespace

std::optional<StepFailure> run_smoke_step(const Step& step, StepLog& log) {
  return Smoke(step, log).run();
}

}  // namespace migsafe::runner
