#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/report/render.hpp"
#include "tests/cli/report/sample_report.hpp"

namespace migsafe::cli::report {
namespace {

namespace fs = std::filesystem;

class TextReport : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("migsafe_text_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::ofstream out(dir_ / "m.py");
    for (int i = 1; i < 21; ++i) out << "# line " << i << "\n";
    out << "    op.execute(\"CREATE TABLE plates (id int)\")  \n";
    out << "\tx=\"é\"; op.add_column('plates', sa.Column('n', sa.String(20)))\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string render_text(Color color = Color::never) {
    std::ostringstream out;
    RenderOptions options;
    options.color = color;
    options.base_dir = dir_.string();
    render(tests::sample_report("m.py"), *find_format("text"), out, options);
    return out.str();
  }

  fs::path dir_;
};

TEST_F(TextReport, ShowsTheSourceLineWithACaretSpan) {
  const std::string text = render_text();
  EXPECT_NE(text.find("error[require-if-not-exists]: revision 3f2a1c0d9b7e fails when run again"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  --> m.py:21:5\n"), std::string::npos) << text;
  EXPECT_NE(text.find("21 |     op.execute(\"CREATE TABLE plates (id int)\")  \n"
                      "   |     " +
                      std::string(42, '^') + "\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("   = revision: 3f2a1c0d9b7e\n"), std::string::npos) << text;
  EXPECT_NE(text.find("help: write CREATE TABLE IF NOT EXISTS plates (...)\n"), std::string::npos);
}

TEST_F(TextReport, CaretCountsCharactersAndKeepsTabs) {
  const std::string text = render_text();
  // Column 9 is the "o" of op.add_column: tab, x="é"; and a blank are 8 characters.
  const std::string source = "\tx=\"é\"; op.add_column('plates', sa.Column('n', sa.String(20)))";
  EXPECT_NE(
      text.find(
          "22 | " + source + "\n   | \t       " +
          std::string(std::string("op.add_column('plates', sa.Column('n', sa.String(20)))").size(),
                      '^')),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("   = lock: ACCESS EXCLUSIVE on plates: blocks reads and writes\n"),
            std::string::npos);
}

TEST_F(TextReport, ChecksComeFirstAndTheSummaryLast) {
  const std::string text = render_text();
  EXPECT_EQ(text.rfind("replay", 0), 0u) << text;
  EXPECT_NE(text.find("replay  failed      812 ms\n"), std::string::npos) << text;
  const std::string summary =
      "summary: 1 error, 1 warning, 0 infos; checks: 1 passed, 1 failed, 0 skipped\n";
  ASSERT_GE(text.size(), summary.size());
  EXPECT_EQ(text.substr(text.size() - summary.size()), summary) << text;
}

TEST_F(TextReport, ColourOnlyWhenAsked) {
  EXPECT_EQ(render_text(Color::never).find('\x1b'), std::string::npos);
  EXPECT_NE(render_text(Color::always).find("\x1b[1;31merror[require-if-not-exists]"),
            std::string::npos);
}

TEST_F(TextReport, MissingFileShowsTheStatementInstead) {
  std::ostringstream out;
  render(tests::sample_report("gone.py"), *find_format("text"), out, RenderOptions{});
  EXPECT_NE(out.str().find("  --> gone.py:21:5\n"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("   = statement: CREATE TABLE plates (id int)\n"), std::string::npos)
      << out.str();
}

// A finding that stands for several statements shows the others as `= also:` notes,
// after the lock, one line each, the statement's first line only.
TEST_F(TextReport, OtherOccurrencesAreAlsoNotes) {
  model::Report report = tests::sample_report("m.py");
  model::Finding& finding = report.findings[1];
  finding.occurrences = {{finding.location, "ALTER TABLE plates ADD COLUMN n varchar(20)"},
                         {{"m.py", 30, 5, "3f2a1c0d9b7e"},
                          "ALTER TABLE plates ADD COLUMN m varchar(9)\n  -- next line"},
                         {{"other.sql", 2, 0, ""}, "ALTER TABLE t ADD COLUMN x varchar(1)"}};
  std::ostringstream out;
  RenderOptions options;
  options.base_dir = dir_.string();
  render(report, *find_format("text"), out, options);
  const std::string text = out.str();
  EXPECT_NE(text.find("   = lock: ACCESS EXCLUSIVE on plates: blocks reads and writes\n"
                      "   = also: m.py:30:5: ALTER TABLE plates ADD COLUMN m varchar(9) ...\n"
                      "   = also: other.sql:2: ALTER TABLE t ADD COLUMN x varchar(1)\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("also: m.py:22"), std::string::npos) << "the first is the finding itself";
}

TEST(TextReportControlBytes, AreEscapedAndTheCaretStillLinesUp) {
  const fs::path dir =
      fs::temp_directory_path() / ("migsafe_text_control_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "bin.sql") << "DROP TABLE \x1b[31mfoo\x07;\n";
  model::Report report = tests::sample_report("bin.sql");
  model::Finding& finding = report.findings.front();
  finding.location.line = 1;
  finding.location.column = 12;
  finding.message = "syntax error at or near \"\x1b\"";
  finding.help = "bell\x07";
  std::ostringstream out;
  RenderOptions options;
  options.base_dir = dir.string();
  render(report, *find_format("text"), out, options);
  fs::remove_all(dir);
  const std::string text = out.str();
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_FALSE((byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7f)
        << "raw control byte " << int(byte) << " in:\n" << text;
  }
  EXPECT_NE(text.find("at or near \"\\x1b\""), std::string::npos) << text;
  EXPECT_NE(text.find("1 | DROP TABLE \\x1b[31mfoo\\x07;\n  |            " + std::string(16, '^')),
            std::string::npos)
      << text;
}

TEST(TextReportSummary, NoFindings) {
  model::Report report;
  report.command = "lint";
  std::ostringstream out;
  render(report, *find_format("text"), out);
  EXPECT_EQ(out.str(), "summary: 0 errors, 0 warnings, 0 infos\n");
}

}  // namespace
}  // namespace migsafe::cli::report
