#include <gtest/gtest.h>

#include "dbdrivers/cleanup/step_codec.hpp"
#include "dbdrivers/postgres/connection_error.hpp"

namespace migsafe::dbdrivers {
namespace {

TEST(ReaperStepCodec, RoundTripsPathsWithSpacesNewlinesAndPercents) {
  cleanup::Step step{cleanup::StepKind::drop_database,
                     {"postgresql://u:p%40ss w@h:5/db?x=1", "migsafe_00ff\nname 100%"}};
  std::string line = cleanup::encode_step(step);
  ASSERT_EQ(line.find('\n'), line.size() - 1);  // one line per step
  auto decoded = cleanup::decode_step(line.substr(0, line.size() - 1));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->kind, step.kind);
  EXPECT_EQ(decoded->args, step.args);
}

TEST(ReaperStepCodec, IgnoresUnknownSteps) {
  EXPECT_FALSE(cleanup::decode_step("format_disk /").has_value());
}

TEST(ConnectionErrors, DriverTextLosesThePasswordEvenOutsideAUrl) {
  DatabaseUrl url = parse_database_url("postgresql://app:Pw-1234@db.internal:5432/app");
  auto error = postgres::connection_error(
      url, "connection to postgresql://app:Pw-1234@db.internal failed; password=Pw-1234 Pw-1234");
  EXPECT_EQ(std::string(error.what()).find("Pw-1234"), std::string::npos) << error.what();
  EXPECT_NE(std::string(error.what()).find("app:***@db.internal"), std::string::npos);
}

TEST(ConnectionErrors, FixDependsOnWhatFailed) {
  DatabaseUrl url = parse_database_url("postgresql://app@db/app");
  EXPECT_NE(postgres::connection_error(url, "FATAL:  password authentication failed for user")
                .fix()
                .find("password"),
            std::string::npos);
  EXPECT_NE(postgres::connection_error(url, "Connection refused").fix().find("--db postgres"),
            std::string::npos);
}

}  // namespace
}  // namespace migsafe::dbdrivers
