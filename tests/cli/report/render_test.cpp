#include "cli/report/render.hpp"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "tests/cli/report/sample_report.hpp"

namespace migsafe::cli::report {
namespace {

TEST(RenderTest, EveryFormatHasOneRowWithADescriptionAndARenderer) {
  std::set<std::string_view> names;
  for (const FormatDefinition& format : format_definitions()) {
    EXPECT_TRUE(names.insert(format.name).second) << "listed twice: " << format.name;
    for (char c : format.name) EXPECT_TRUE(c >= 'a' && c <= 'z') << format.name;
    EXPECT_FALSE(format.description.empty()) << format.name;
    EXPECT_EQ(find_format(format.name), &format);
    std::ostringstream out;
    render(tests::sample_report(), format, out);
    EXPECT_FALSE(out.str().empty()) << format.name;
  }
  EXPECT_EQ(format_definitions().front().name, "text") << "the default comes first";
  EXPECT_EQ(format_names(), "text, json, sarif, github");
}

TEST(RenderTest, AnUnknownFormatIsNotFound) {
  EXPECT_EQ(find_format("xml"), nullptr);
  EXPECT_EQ(find_format(""), nullptr);
  EXPECT_EQ(find_format("JSON"), nullptr);
}

}  // namespace
}  // namespace migsafe::cli::report
