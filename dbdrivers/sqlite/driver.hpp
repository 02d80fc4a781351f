#pragma once

#include "dbdrivers/driver.hpp"

namespace migsafe::dbdrivers::sqlite {

// SQLite through SQLiteCpp; the URL's database is the file's path. Reflection is in
// reflect.cpp, the rest in driver.cpp.
class SqliteDriver final : public Driver {
 public:
  model::Dialect dialect() const override { return model::Dialect::sqlite; }
  void check_connection(const DatabaseUrl& url) const override;
  model::Schema reflect(const DatabaseUrl& url, const ReflectOptions& options,
                        ReflectStats& stats) const override;
  // Truncates the file (and removes its journals): an empty file is an empty database,
  // and keeping the file keeps read-only opens working.
  void reset(const DatabaseUrl& scratch) const override;
  ContentsByTable read_table_contents(const DatabaseUrl& url) const override;
  std::vector<std::string> applied_revisions(const DatabaseUrl& url, const std::string& schema,
                                             const std::string& version_table) const override;
  // Opening a file costs nothing worth saving.
  void reuse_connections(const DatabaseUrl& /*url*/, bool /*on*/) const override {}
  // Opening a file reads no environment: nothing to do ahead.
  void connect_now(const DatabaseUrl& /*url*/) const override {}
  // The library's version ("3.40.1"); nothing is opened.
  std::string server_version(const DatabaseUrl& url) const override;
};

}  // namespace migsafe::dbdrivers::sqlite
