#include <gtest/gtest.h>

#include <sstream>

#include "cli/report/render.hpp"
#include "tests/cli/report/sample_report.hpp"

namespace migsafe::cli::report {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(GithubReport, OneAnnotationPerFinding) {
  std::ostringstream out;
  render(tests::sample_report(), *find_format("github"), out);
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 3u) << out.str();
  EXPECT_EQ(lines[0],
            "::error file=migrations/versions/3f2a_add_plates.py,line=21,col=5,"
            "title=require-if-not-exists::revision 3f2a1c0d9b7e fails when run again: relation "
            "\"plates\" already exists%0Ahelp: write CREATE TABLE IF NOT EXISTS plates (...)");
  EXPECT_EQ(lines[1].rfind("::warning ", 0), 0u);
  EXPECT_EQ(lines[2], "migsafe check: 1 errors, 1 warnings, 0 infos");
}

TEST(GithubReport, EscapesDataAndProperties) {
  model::Report report;
  report.command = "lint";
  model::Finding finding;
  finding.rule = "rule,with:odd";
  finding.severity = model::Severity::info;
  finding.message = "100% sure\r\nreally: yes, really";
  finding.location = {"dir,1/a:b%.sql", 3, 0, ""};
  report.findings = {finding};
  std::ostringstream out;
  render(report, *find_format("github"), out);
  EXPECT_EQ(
      lines_of(out.str())[0],
      "::notice file=dir%2C1/a%3Ab%25.sql,line=3,title=rule%2Cwith%3Aodd::100%25 sure%0D%0Areally: "
      "yes, really");
}

}  // namespace
}  // namespace migsafe::cli::report
