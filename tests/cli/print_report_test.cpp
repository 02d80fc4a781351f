#include "cli/print_report.hpp"

#include <gtest/gtest.h>

#include "model/error.hpp"

namespace migsafe::cli {
namespace {

TEST(PrintReportTest, RequestedFormatDefaultsToTheFirstOfTheTable) {
  CommonOptions common;
  EXPECT_EQ(requested_format(common).name, "text");
  common.format = "sarif";
  EXPECT_EQ(requested_format(common).name, "sarif");
}

TEST(PrintReportTest, AnUnknownFormatIsAUsageErrorListingTheFormats) {
  CommonOptions common;
  common.format = "xml";
  try {
    requested_format(common);
    FAIL() << "expected a UsageError";
  } catch (const model::UsageError& e) {
    EXPECT_EQ(std::string(e.what()), "--format xml: no output format has this name");
    EXPECT_EQ(e.fix(), "use one of: text, json, sarif, github");
  }
}

}  // namespace
}  // namespace migsafe::cli
