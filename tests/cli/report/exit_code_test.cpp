#include <gtest/gtest.h>

#include "cli/report/exit_code.hpp"
#include "model/error.hpp"

namespace migsafe::cli::report {
namespace {

Summary findings(std::initializer_list<model::Severity> severities) {
  Summary out;
  for (auto severity : severities) out.count(severity);
  return out;
}

TEST(ExitCode, ZeroWhenNothingReachesTheThreshold) {
  EXPECT_EQ(exit_code({}, model::Severity::error), 0);
  EXPECT_EQ(exit_code(findings({model::Severity::warning, model::Severity::info}), model::Severity::error), 0);
}

TEST(ExitCode, OneAtOrAboveTheThreshold) {
  EXPECT_EQ(exit_code(findings({model::Severity::error}), model::Severity::error), 1);
  EXPECT_EQ(exit_code(findings({model::Severity::warning}), model::Severity::warning), 1);
  EXPECT_EQ(exit_code(findings({model::Severity::error}), model::Severity::warning), 1);
  EXPECT_EQ(exit_code(findings({model::Severity::info}), model::Severity::warning), 0);
  EXPECT_EQ(exit_code(findings({model::Severity::info}), model::Severity::info), 1);
}

TEST(FailOnThreshold, CommandLineBeatsConfigBeatsDefault) {
  EXPECT_EQ(fail_on_threshold("", std::nullopt), model::Severity::error);
  EXPECT_EQ(fail_on_threshold("", model::Severity::warning), model::Severity::warning);
  EXPECT_EQ(fail_on_threshold("error", model::Severity::warning), model::Severity::error);
  EXPECT_THROW(fail_on_threshold("fatal", std::nullopt), model::UsageError);
}

}  // namespace
}  // namespace migsafe::cli::report
