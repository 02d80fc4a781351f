#pragma once

#include <map>
#include <optional>
#include <string>

#include "model/dialect.hpp"

namespace migsafe::dbdrivers {

using Dialect = model::Dialect;

// A SQLAlchemy database URL, e.g. postgresql+psycopg2://app:secret@127.0.0.1:5432/reggie
// or sqlite:////tmp/x/scratch.db. The password never leaves this struct except through
// libpq_uri()/to_string(), which only drivers may use; display() masks it.
struct DatabaseUrl {
  std::string scheme;  // "postgresql", "sqlite"
  std::string driver;  // "psycopg2", "" ...
  std::string user;
  std::string password;
  std::string host;  // may be a socket folder
  std::optional<int> port;
  std::string database;  // for sqlite: the file path
  std::map<std::string, std::string> query;

  Dialect dialect() const;
  std::string to_string() const;  // the full URL, password included: for drivers only
  std::string display() const;    // the URL with the password replaced by ***
  std::string libpq_uri() const;  // postgresql://... for libpq/pqxx
  DatabaseUrl with_database(const std::string& name) const;
};

// "%40" -> "@": a URL's userinfo, path or query value as it means it.
std::string percent_decode(const std::string& text);

// Parses a URL; throws model::UsageError saying what is wrong with it.
DatabaseUrl parse_database_url(const std::string& url);

// Replaces the password of any URL found in a text, and every secret added with
// add_secret(), by ***: the one mask of everything migsafe prints (messages that quote
// driver errors, which may echo the connection string; a pipeline step's output).
std::string mask_passwords(const std::string& text);

// A value mask_passwords() hides from now on, wherever it appears (a token from the
// environment, say). Values shorter than 4 characters are ignored: masking every "1"
// would hide the output instead of the secret.
void add_secret(const std::string& value);

}  // namespace migsafe::dbdrivers
