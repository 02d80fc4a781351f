#include "dbdrivers/database_url.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <regex>
#include <vector>

#include "model/error.hpp"

namespace migsafe::dbdrivers {

std::string percent_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

namespace {

std::string percent_encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string authority(const DatabaseUrl& url, const std::string& password) {
  std::string out;
  if (!url.user.empty()) {
    out += percent_encode(url.user);
    if (!password.empty()) out += ":" + password;
    out += "@";
  }
  // A socket folder goes in the query string for libpq; keep it encoded here.
  if (!url.host.empty() && url.host.front() != '/') out += url.host;
  if (url.port) out += ":" + std::to_string(*url.port);
  return out;
}

// A query parameter that carries a secret (libpq's password, sslpassword).
bool is_secret(const std::string& key) { return key.find("password") != std::string::npos; }

std::string query_string(const DatabaseUrl& url, bool with_socket_host, bool masked = false) {
  std::string out;
  auto add = [&](const std::string& key, const std::string& value) {
    out += out.empty() ? "?" : "&";
    out += key + "=" + (masked && is_secret(key) ? std::string("***") : percent_encode(value));
  };
  if (with_socket_host && !url.host.empty() && url.host.front() == '/') add("host", url.host);
  for (const auto& [key, value] : url.query) add(key, value);
  return out;
}

}  // namespace

Dialect DatabaseUrl::dialect() const {
  return model::parse_dialect(scheme).value_or(Dialect::postgresql);
}

std::string DatabaseUrl::to_string() const {
  std::string head = scheme + (driver.empty() ? "" : "+" + driver) + "://";
  if (dialect() == Dialect::sqlite) return head + "/" + database;
  return head + authority(*this, percent_encode(password)) + "/" + percent_encode(database) +
         query_string(*this, true);
}

std::string DatabaseUrl::display() const {
  std::string head = scheme + (driver.empty() ? "" : "+" + driver) + "://";
  if (dialect() == Dialect::sqlite) return head + "/" + database;
  return head + authority(*this, password.empty() ? "" : "***") + "/" + database +
         query_string(*this, true, true);
}

std::string DatabaseUrl::libpq_uri() const {
  return "postgresql://" + authority(*this, percent_encode(password)) + "/" +
         percent_encode(database) + query_string(*this, true);
}

DatabaseUrl DatabaseUrl::with_database(const std::string& name) const {
  DatabaseUrl copy = *this;
  copy.database = name;
  return copy;
}

DatabaseUrl parse_database_url(const std::string& text) {
  static const std::regex shape(R"(^([A-Za-z][A-Za-z0-9]*)(?:\+([A-Za-z0-9_]+))?://(.*)$)");
  std::smatch m;
  if (!std::regex_match(text, m, shape)) {
    throw model::UsageError("'" + mask_passwords(text) + "' is not a database URL",
                            "write it as postgresql://user:password@host:port/database or "
                            "sqlite:///path/to/file.db");
  }
  DatabaseUrl url;
  url.driver = m[2];
  const std::string scheme = m[1];
  const std::optional<Dialect> dialect = model::parse_dialect(scheme);
  if (!dialect) {
    throw model::UsageError("migsafe does not support the database '" + scheme + "'",
                            "use a postgresql:// or sqlite:// URL");
  }
  url.scheme = model::dialect_name(*dialect);  // postgres:// is spelt postgresql://
  std::string rest = m[3];
  if (*dialect == Dialect::sqlite) {
    url.database = rest.empty() ? "" : rest.substr(1);  // sqlite:///relative, sqlite:////abs
    return url;
  }
  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string netloc = rest;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    netloc = rest.substr(0, slash);
    url.database = percent_decode(rest.substr(slash + 1));
  }
  if (auto at = netloc.rfind('@'); at != std::string::npos) {
    std::string credentials = netloc.substr(0, at);
    netloc = netloc.substr(at + 1);
    if (auto colon = credentials.find(':'); colon != std::string::npos) {
      url.user = percent_decode(credentials.substr(0, colon));
      url.password = percent_decode(credentials.substr(colon + 1));
    } else {
      url.user = percent_decode(credentials);
    }
  }
  if (auto colon = netloc.rfind(':');
      colon != std::string::npos && netloc.find(']') == std::string::npos) {
    try {
      url.port = std::stoi(netloc.substr(colon + 1));
    } catch (const std::exception&) {
      throw model::UsageError("the port in '" + mask_passwords(text) + "' is not a number",
                              "write the URL as postgresql://user@host:5432/database");
    }
    netloc = netloc.substr(0, colon);
  }
  url.host = percent_decode(netloc);
  std::size_t start = 0;
  while (start < query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    std::string pair = query.substr(start, end - start);
    if (auto eq = pair.find('='); eq != std::string::npos) {
      std::string key = pair.substr(0, eq);
      std::string value = percent_decode(pair.substr(eq + 1));
      if (key == "host" && url.host.empty()) {
        url.host = value;
      } else {
        url.query[key] = value;
      }
    }
    start = end + 1;
  }
  return url;
}

namespace {

struct Secrets {
  std::mutex mutex;
  std::vector<std::string> values;  // longest first: a secret inside another goes last
};

Secrets& secrets() {
  static Secrets registry;
  return registry;
}

std::string mask_added_secrets(std::string text) {
  Secrets& registry = secrets();
  std::lock_guard<std::mutex> lock(registry.mutex);
  for (const std::string& secret : registry.values) {
    for (std::size_t at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + 3)) {
      text.replace(at, secret.size(), "***");
    }
  }
  return text;
}

}  // namespace

void add_secret(const std::string& value) {
  if (value.size() < 4) return;
  Secrets& registry = secrets();
  std::lock_guard<std::mutex> lock(registry.mutex);
  if (std::find(registry.values.begin(), registry.values.end(), value) != registry.values.end())
    return;
  registry.values.push_back(value);
  std::stable_sort(registry.values.begin(), registry.values.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string mask_passwords(const std::string& text) {
  static const std::regex password_in_url(R"(([A-Za-z][A-Za-z0-9+]*://[^:/@\s]*:)[^@\s]*@)");
  static const std::regex password_key(R"((password\s*=\s*)('[^']*'|\S+))");
  std::string masked = std::regex_replace(mask_added_secrets(text), password_in_url, "$1***@");
  return std::regex_replace(masked, password_key, "$1***");
}

}  // namespace migsafe::dbdrivers
