#pragma once

// A scratch PostgreSQL cluster per test, of the version the test is instantiated with:
// 17 from set-up's binaries, 15 from Debian.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "dbdrivers/scratch.hpp"

namespace migsafe::dbdrivers {

inline const std::filesystem::path pg17_bin = MIGSAFE_SOURCE_DIR "/.deps/postgresql-17/native/bin";
inline const std::filesystem::path pg15_bin = "/usr/lib/postgresql/15/bin";

class PostgresReflect : public ::testing::TestWithParam<std::filesystem::path> {
 protected:
  void SetUp() override {
    ScratchRequest request;
    request.db = "postgres";
    request.pg_bin = GetParam();
    scratch_ = create_scratch(request);
  }
  void exec(const std::string& sql) {
    pqxx::connection connection{scratch_->url().libpq_uri()};
    pqxx::nontransaction tx{connection};
    tx.exec(sql);
  }
  const DatabaseUrl& url() const { return scratch_->url(); }

  std::unique_ptr<ScratchDatabase> scratch_;
};

}  // namespace migsafe::dbdrivers
