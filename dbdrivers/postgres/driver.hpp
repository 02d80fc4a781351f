#pragma once

#include "dbdrivers/driver.hpp"

namespace migsafe::dbdrivers::postgres {

// PostgreSQL through libpqxx. Reflection is in reflect.cpp, the rest in driver.cpp.
class PostgresDriver final : public Driver {
 public:
  model::Dialect dialect() const override { return model::Dialect::postgresql; }
  void check_connection(const DatabaseUrl& url) const override;
  model::Schema reflect(const DatabaseUrl& url, const ReflectOptions& options,
                        ReflectStats& stats) const override;
  // Drops the database and creates it again under the same name, from template0, working
  // from the `postgres` database; from template1 when the scratch is `postgres` itself,
  // as a scratch cluster's is (nothing else connects to that cluster).
  void reset(const DatabaseUrl& scratch) const override;
  ContentsByTable read_table_contents(const DatabaseUrl& url) const override;
  std::vector<std::string> applied_revisions(const DatabaseUrl& url, const std::string& schema,
                                             const std::string& version_table) const override;
  void reuse_connections(const DatabaseUrl& url, bool on) const override;
  void connect_now(const DatabaseUrl& url) const override;
  std::string server_version(const DatabaseUrl& url) const override;
};

}  // namespace migsafe::dbdrivers::postgres
