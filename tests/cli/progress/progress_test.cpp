#include <gtest/gtest.h>

#include <sstream>

#include "cli/progress/live_line.hpp"
#include "cli/progress/plain_lines.hpp"

namespace migsafe::cli {
namespace {

model::CheckResult result(const std::string& name, long long ms, const std::string& note = "") {
  model::CheckResult check;
  check.name = name;
  check.status = model::CheckStatus::failed;
  check.duration_ms = ms;
  check.note = note;
  return check;
}

TEST(PlainLines, ShowTheDatabaseAndOnlyChecksThatTookASecond) {
  std::ostringstream out;
  PlainLines progress(out, 1000);
  progress.database_ready("scratch-file sqlite 3.40.1 at sqlite:///x.db (2 ms)");
  progress.check_started("upgrade");
  progress.step_reached(1, 2, "upgrade a1");
  progress.check_finished(result("upgrade", 999));
  progress.check_finished(result("replay-per-revision", 1000, "1 of 3 revisions not checked"));
  EXPECT_EQ(out.str(),
            "migsafe: database: scratch-file sqlite 3.40.1 at sqlite:///x.db (2 ms)\n"
            "migsafe: replay-per-revision: failed (1000 ms): 1 of 3 revisions not checked\n");
}

TEST(PlainLines, VerboseShowsEveryCheck) {
  std::ostringstream out;
  PlainLines progress(out, 0);
  progress.check_finished(result("single-head", 0));
  EXPECT_EQ(out.str(), "migsafe: single-head: failed (0 ms)\n");
}

TEST(LiveLine, RedrawsOneLineAndErasesItWithoutRepeatingTheTable) {
  std::ostringstream out;
  {
    LiveLine progress(out);
    progress.check_started("replay-per-revision");
    progress.step_reached(240, 240, "downgrade a1b2c3");
    progress.check_finished(result("replay-per-revision", 5000));
  }
  const std::string text = out.str();
  EXPECT_EQ(text.find('\n'), std::string::npos) << "one line, redrawn in place: " << text;
  EXPECT_NE(text.find("replay-per-revision: 240/240 downgrade a1b2c3"), std::string::npos) << text;
  EXPECT_EQ(text.find("failed"), std::string::npos) << "the report's table says how it ended";
  EXPECT_EQ(text.substr(text.size() - 4), "\r\033[K") << "erased before the report prints";
}

TEST(LiveLine, TheDatabaseStaysOnItsOwnLine) {
  std::ostringstream out;
  LiveLine progress(out);
  progress.check_started("upgrade");
  progress.database_ready("scratch-cluster postgresql 17.10");
  EXPECT_NE(out.str().find("\r\033[Kmigsafe: database: scratch-cluster postgresql 17.10\n"),
            std::string::npos)
      << out.str();
}

}  // namespace
}  // namespace migsafe::cli
