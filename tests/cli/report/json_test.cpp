#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/report/render.hpp"
#include "tests/cli/report/sample_report.hpp"

namespace migsafe::cli::report {
namespace {

nlohmann::json render_to_json(const model::Report& report) {
  std::ostringstream out;
  render(report, *find_format("json"), out);
  return nlohmann::json::parse(out.str());
}

TEST(JsonReport, FollowsTheShapeOfCliMd) {
  const auto doc = render_to_json(tests::sample_report());
  EXPECT_EQ(doc["migsafe"], MIGSAFE_VERSION);
  EXPECT_EQ(doc["command"], "check");
  EXPECT_EQ(doc["project"], "fixtures/alembic/reggie");
  EXPECT_EQ(doc["database"], (nlohmann::json{{"dialect", "postgresql"},
                                             {"server_version", "17.10"},
                                             {"kind", "scratch-cluster"}}));
  ASSERT_EQ(doc["checks"].size(), 2u);
  EXPECT_EQ(doc["checks"][0],
            (nlohmann::json{{"name", "replay"}, {"status", "failed"}, {"duration_ms", 812}}));

  ASSERT_EQ(doc["findings"].size(), 2u);
  const auto& finding = doc["findings"][0];
  EXPECT_EQ(finding["check"], "replay");
  EXPECT_EQ(finding["rule"], "require-if-not-exists");
  EXPECT_EQ(finding["severity"], "error");
  EXPECT_EQ(finding["help"], "write CREATE TABLE IF NOT EXISTS plates (...)");
  EXPECT_EQ(finding["location"], (nlohmann::json{{"file", "migrations/versions/3f2a_add_plates.py"},
                                                 {"line", 21},
                                                 {"column", 5},
                                                 {"revision", "3f2a1c0d9b7e"}}));
  EXPECT_EQ(finding["statement"], "CREATE TABLE plates (id int)");
  EXPECT_FALSE(finding.contains("lock")) << "lock appears only when known";
  EXPECT_EQ(doc["findings"][1]["lock"], "ACCESS EXCLUSIVE on plates: blocks reads and writes");
  EXPECT_EQ(doc["summary"], (nlohmann::json{{"errors", 1}, {"warnings", 1}, {"infos", 0}}));
}

TEST(JsonReport, KeepsCliMdKeyOrder) {
  std::ostringstream out;
  render(tests::sample_report(), *find_format("json"), out);
  const std::string text = out.str();
  std::size_t last = 0;
  for (const char* key : {"\"migsafe\"", "\"command\"", "\"project\"", "\"database\"", "\"checks\"",
                          "\"findings\"", "\"summary\""}) {
    const std::size_t at = text.find(key);
    ASSERT_NE(at, std::string::npos) << key;
    EXPECT_GT(at, last) << key;
    last = at;
  }
}

TEST(JsonReport, UnknownValuesAreNullAndNoDatabaseIsNull) {
  model::Report report;
  report.command = "lint";
  model::Finding finding;
  finding.check = "single-head";
  finding.rule = "single-head";
  finding.message = "two heads";
  report.findings = {finding};
  const auto doc = render_to_json(report);
  EXPECT_TRUE(doc["database"].is_null());
  EXPECT_TRUE(doc["checks"].is_array());
  EXPECT_TRUE(doc["findings"][0]["location"]["file"].is_null());
  EXPECT_TRUE(doc["findings"][0]["location"]["line"].is_null());
  EXPECT_TRUE(doc["findings"][0]["help"].is_null());
  EXPECT_TRUE(doc["findings"][0]["statement"].is_null());
}

TEST(JsonReport, InvalidUtf8DoesNotThrow) {
  model::Report report;
  report.command = "lint";
  model::Finding finding;
  finding.rule = "syntax-error";
  finding.message = "bad byte \xff here";
  report.findings = {finding};
  std::ostringstream out;
  EXPECT_NO_THROW(render(report, *find_format("json"), out));
  EXPECT_TRUE(nlohmann::json::accept(out.str())) << out.str();
}

TEST(JsonReport, SameBytesAsNlohmannsDumpOfTheDocument) {
  model::Report report;
  report.command = "lint";
  report.checks = {{"replay", model::CheckStatus::passed, 3, "a note"}};
  model::Finding finding;
  finding.check = "lint";
  finding.rule = "ban-truncate";
  for (int c = 1; c < 128; ++c) finding.message += static_cast<char>(c);
  finding.help = "caf\xc3\xa9 \"quoted\"\n";
  finding.statement = "bad byte \xff\t";
  finding.location = {"m.sql", 3, 0, ""};
  report.findings = {finding, finding};
  std::ostringstream out;
  render(report, *find_format("json"), out);

  using ordered = nlohmann::ordered_json;
  const ordered item = {
      {"check", "lint"},
      {"rule", "ban-truncate"},
      {"severity", "error"},
      {"message", finding.message},
      {"help", finding.help},
      {"location", {{"file", "m.sql"}, {"line", 3}, {"column", nullptr}, {"revision", nullptr}}},
      {"statement", finding.statement},
      {"proven", true}};
  const ordered document = {
      {"migsafe", MIGSAFE_VERSION},
      {"command", "lint"},
      {"project", nullptr},
      {"database", nullptr},
      {"checks",
       ordered::array(
           {{{"name", "replay"}, {"status", "passed"}, {"duration_ms", 3}, {"note", "a note"}}})},
      {"findings", ordered::array({item, item})},
      {"summary", {{"errors", 2}, {"warnings", 0}, {"infos", 0}}}};
  EXPECT_EQ(out.str(), document.dump(2, ' ', false, ordered::error_handler_t::replace) + "\n");
}

// A finding that stands for several statements lists them, itself first, between
// "statement" and "lock", laid out as nlohmann lays out the same document.
TEST(JsonReport, OccurrencesFollowTheStatementInNlohmannsLayout) {
  model::Report report;
  report.command = "lint";
  model::Finding finding;
  finding.check = "lint";
  finding.rule = "require-lock-timeout";
  finding.severity = model::Severity::warning;
  finding.message = "takes ACCESS EXCLUSIVE on users with no lock_timeout set (2 statements in this transaction)";
  finding.location = {"m.sql", 3, 1, ""};
  finding.statement = "ALTER TABLE users ADD COLUMN a text";
  finding.occurrences = {{{"m.sql", 3, 1, ""}, "ALTER TABLE users ADD COLUMN a text"},
                         {{"m.sql", 5, 1, "abc"}, "CREATE INDEX ix ON users (a)"}};
  finding.lock = "ACCESS EXCLUSIVE on users";
  finding.proven = false;
  report.findings = {finding};
  std::ostringstream out;
  render(report, *find_format("json"), out);

  using ordered = nlohmann::ordered_json;
  const ordered item = {
      {"check", "lint"},
      {"rule", "require-lock-timeout"},
      {"severity", "warning"},
      {"message", finding.message},
      {"help", nullptr},
      {"location", {{"file", "m.sql"}, {"line", 3}, {"column", 1}, {"revision", nullptr}}},
      {"statement", finding.statement},
      {"occurrences",
       ordered::array(
           {{{"location", {{"file", "m.sql"}, {"line", 3}, {"column", 1}, {"revision", nullptr}}},
             {"statement", "ALTER TABLE users ADD COLUMN a text"}},
            {{"location", {{"file", "m.sql"}, {"line", 5}, {"column", 1}, {"revision", "abc"}}},
             {"statement", "CREATE INDEX ix ON users (a)"}}})},
      {"lock", "ACCESS EXCLUSIVE on users"},
      {"proven", false}};
  const ordered document = {{"migsafe", MIGSAFE_VERSION},
                            {"command", "lint"},
                            {"project", nullptr},
                            {"database", nullptr},
                            {"checks", ordered::array()},
                            {"findings", ordered::array({item})},
                            {"summary", {{"errors", 0}, {"warnings", 1}, {"infos", 0}}}};
  EXPECT_EQ(out.str(), document.dump(2, ' ', false, ordered::error_handler_t::replace) + "\n");
}

// Plain text is skipped sixteen bytes at a time: a character to escape (or a UTF-8
// sequence) is written as nlohmann writes it at every offset in and around a block.
TEST(JsonReport, EscapesAtEveryOffsetOfTheFastPath) {
  for (const std::string special : {"\n", "\"", "\\", "\x01", "\x1f", "caf\xc3\xa9"}) {
    for (std::size_t at = 0; at <= 40; ++at) {
      model::Report report;
      report.command = "lint";
      model::Finding finding;
      finding.message = std::string(at, 'a') + special + std::string(40 - at, 'b');
      report.findings = {finding};
      std::ostringstream out;
      render(report, *find_format("json"), out);
      const std::string expected = "\"message\": " + nlohmann::json(finding.message).dump() + ",";
      EXPECT_NE(out.str().find(expected), std::string::npos) << finding.message;
    }
  }
}

}  // namespace
}  // namespace migsafe::cli::report
