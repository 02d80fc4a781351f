#include "dbdrivers/postgres/connection_error.hpp"

namespace migsafe::dbdrivers::postgres {
namespace {

bool mentions(const std::string& text, const char* part) {
  return text.find(part) != std::string::npos;
}

std::string first_lines(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

std::string scrub(const DatabaseUrl& url, const std::string& driver_text) {
  std::string text = mask_passwords(driver_text);
  if (url.password.empty()) return text;
  for (std::size_t at; (at = text.find(url.password)) != std::string::npos;) {
    text.replace(at, url.password.size(), "***");
  }
  return text;
}

model::EnvironmentError connection_error(const DatabaseUrl& url, const std::string& driver_text) {
  std::string reason = first_lines(scrub(url, driver_text));
  std::string fix;
  if (mentions(reason, "password") || mentions(reason, "authentication")) {
    fix = "check the user and password in the URL (or PGPASSWORD / ~/.pgpass)";
  } else if (mentions(reason, "does not exist")) {
    fix = "point the URL at a database that exists, e.g. .../postgres; migsafe creates its "
          "own scratch database next to it";
  } else {
    fix = "check that the server runs and that host and port are right, or use --db postgres "
          "to boot a scratch cluster from local binaries";
  }
  return model::EnvironmentError("cannot connect to " + url.display() + ": " + reason, fix);
}

DatabaseUrl with_connect_timeout(DatabaseUrl url) {
  url.query.emplace("connect_timeout", "10");
  return url;
}

}  // namespace migsafe::dbdrivers::postgres
