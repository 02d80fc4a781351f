#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli/report/render.hpp"
#include "tests/cli/report/sample_report.hpp"

namespace migsafe::cli::report {
namespace {

nlohmann::json render_sarif_json(const model::Report& report) {
  std::ostringstream out;
  render(report, *find_format("sarif"), out);
  return nlohmann::json::parse(out.str());
}

// The parts of the SARIF 2.1.0 schema that consumers (GitHub code scanning) rely on.
void expect_valid_sarif(const nlohmann::json& doc) {
  ASSERT_EQ(doc["version"], "2.1.0");
  ASSERT_TRUE(doc["$schema"].is_string());
  ASSERT_TRUE(doc["runs"].is_array());
  ASSERT_EQ(doc["runs"].size(), 1u);
  const auto& run = doc["runs"][0];
  const auto& driver = run["tool"]["driver"];
  ASSERT_TRUE(driver["name"].is_string());
  ASSERT_TRUE(driver["rules"].is_array());
  std::set<std::string> ids;
  for (const auto& rule : driver["rules"]) {
    ASSERT_TRUE(rule["id"].is_string());
    EXPECT_TRUE(ids.insert(rule["id"].get<std::string>()).second)
        << "duplicate rule " << rule["id"];
    EXPECT_TRUE(rule["shortDescription"]["text"].is_string());
    if (rule.contains("helpUri")) {
      EXPECT_EQ(rule["helpUri"].get<std::string>().rfind("https://", 0), 0u);
    }
    const std::set<std::string> levels = {"none", "note", "warning", "error"};
    EXPECT_EQ(levels.count(rule["defaultConfiguration"]["level"].get<std::string>()), 1u);
  }
  ASSERT_TRUE(run["results"].is_array());
  for (const auto& result : run["results"]) {
    const auto index = result["ruleIndex"].get<std::size_t>();
    ASSERT_LT(index, driver["rules"].size());
    EXPECT_EQ(result["ruleId"], driver["rules"][index]["id"]);
    EXPECT_FALSE(result["message"]["text"].get<std::string>().empty());
    const std::set<std::string> levels = {"none", "note", "warning", "error"};
    EXPECT_EQ(levels.count(result["level"].get<std::string>()), 1u);
    if (result.contains("locations")) {
      for (const auto& location : result["locations"]) {
        const auto& physical = location["physicalLocation"];
        EXPECT_TRUE(physical["artifactLocation"]["uri"].is_string());
        if (physical.contains("region")) {
          EXPECT_GE(physical["region"]["startLine"].get<int>(), 1);
        }
      }
    }
  }
}

TEST(SarifReport, IsStructurallyValid) {
  const auto doc = render_sarif_json(tests::sample_report());
  expect_valid_sarif(doc);
  const auto& run = doc["runs"][0];
  ASSERT_EQ(run["results"].size(), 2u);
  const auto& result = run["results"][0];
  EXPECT_EQ(result["ruleId"], "require-if-not-exists");
  EXPECT_EQ(result["level"], "error");
  const auto& region = result["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region["startLine"], 21);
  EXPECT_EQ(region["startColumn"], 5);
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "migrations/versions/3f2a_add_plates.py");
}

TEST(SarifReport, LintRulesLinkTheirDocPage) {
  const auto doc = render_sarif_json(tests::sample_report());
  const auto& rules = doc["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[1]["id"], "prefer-text-field");
  const std::string uri = rules[1]["helpUri"];
  EXPECT_NE(uri.find("docs/rules/prefer-text-field.md"), std::string::npos) << uri;
}

TEST(SarifReport, RepeatedRulesAreListedOnceAndPathsBecomeUris) {
  model::Report report = tests::sample_report("/abs/my dir/x.sql");
  report.findings.push_back(report.findings[0]);
  const auto doc = render_sarif_json(report);
  expect_valid_sarif(doc);
  EXPECT_EQ(doc["runs"][0]["tool"]["driver"]["rules"].size(), 2u);
  EXPECT_EQ(doc["runs"][0]["results"][2]["ruleIndex"], 0);
  EXPECT_EQ(
      doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
      "file:///abs/my%20dir/x.sql");
}

// The other statements of a finding's cause are its relatedLocations, each with its line
// and statement; the first occurrence is the result's own location.
TEST(SarifReport, OccurrencesAfterTheFirstAreRelatedLocations) {
  model::Report report = tests::sample_report();
  model::Finding& finding = report.findings[1];
  finding.occurrences = {{finding.location, "ALTER TABLE plates ADD COLUMN n varchar(20)"},
                         {{finding.location.file, 30, 5, "3f2a1c0d9b7e"},
                          "ALTER TABLE plates ADD COLUMN m varchar(9)\n  -- second line"}};
  const auto doc = render_sarif_json(report);
  expect_valid_sarif(doc);
  const auto& results = doc["runs"][0]["results"];
  EXPECT_FALSE(results[0].contains("relatedLocations"));
  const auto& related = results[1]["relatedLocations"];
  ASSERT_EQ(related.size(), 1u);
  EXPECT_EQ(related[0]["id"], 1);
  EXPECT_EQ(related[0]["physicalLocation"]["region"]["startLine"], 30);
  EXPECT_EQ(related[0]["physicalLocation"]["region"]["startColumn"], 5);
  EXPECT_EQ(related[0]["physicalLocation"]["artifactLocation"]["uri"],
            results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]);
  EXPECT_EQ(related[0]["message"]["text"], "ALTER TABLE plates ADD COLUMN m varchar(9)");
}

TEST(SarifReport, NoFindingsIsStillAValidLog) {
  model::Report report;
  report.command = "lint";
  const auto doc = render_sarif_json(report);
  expect_valid_sarif(doc);
  EXPECT_TRUE(doc["runs"][0]["results"].empty());
}

}  // namespace
}  // namespace migsafe::cli::report
