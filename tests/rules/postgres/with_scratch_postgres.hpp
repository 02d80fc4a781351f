#pragma once

// A test fixture with a scratch PostgreSQL 17 database of its own, for rule tests that
// run SQL for real.
#include <gtest/gtest.h>

#include <memory>

#include "dbdrivers/scratch.hpp"
#include "model/error.hpp"

namespace migsafe::rules {

// `Base` is ::testing::Test or ::testing::TestWithParam<...>.
template <class Base>
class WithScratchPostgres : public Base {
 protected:
  void SetUp() override {
    try {
      dbdrivers::ScratchRequest request;
      request.db = "postgres";
      scratch_ = dbdrivers::create_scratch(request);
    } catch (const model::Error& e) {
      GTEST_SKIP() << "no scratch PostgreSQL: " << e.what();
    }
  }
  std::unique_ptr<dbdrivers::ScratchDatabase> scratch_;
};

}  // namespace migsafe::rules
